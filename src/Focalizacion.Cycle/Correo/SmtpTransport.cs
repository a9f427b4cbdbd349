using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Focalizacion.Cycle.Correo;

/// <summary>Sends through an SMTP server with MailKit: one connection per message (oficios are few).</summary>
/// <remarks>
/// Every step waits as long as <see cref="MailSettings.Timeouts"/> says for that step
/// (<see cref="SmtpStepTimer"/>). Once the server answered 250 to the data the message is its
/// own: <c>accepted</c> runs before QUIT, and whatever QUIT or the disconnection does after that
/// is ignored, so a slow goodbye never turns a delivered message into a failed one that is sent again.
/// </remarks>
public sealed class SmtpTransport(MailSettings settings) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, Func<string, Task> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var host = settings.Host ?? throw new InvalidOperationException("SMTP transport without a host.");
        var timer = new SmtpStepTimer(settings.Timeouts);
        using var client = new SmtpClient(timer);
        timer.Attach(client);
        var options = settings.Security switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.Ssl => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(host, settings.Port, options, cancellationToken);
        if (settings.User is not null)
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
        }
        var reply = await client.SendAsync(message, cancellationToken);
        await accepted(reply);
        try
        {
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception)
        {
            // The message is sent and recorded; the connection's goodbye is the server's business.
        }
    }
}
