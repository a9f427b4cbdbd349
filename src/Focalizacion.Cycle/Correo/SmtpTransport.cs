using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Focalizacion.Cycle.Correo;

/// <summary>Sends through an SMTP server with MailKit: one connection per message (oficios are few).</summary>
/// <remarks>
/// Every step waits as long as <see cref="MailSettings.Timeouts"/> says for that step
/// (<see cref="SmtpStepTimer"/>).
/// </remarks>
public sealed class SmtpTransport(MailSettings settings) : IMailTransport
{
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
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
        await client.DisconnectAsync(true, cancellationToken);
        return reply;
    }
}
