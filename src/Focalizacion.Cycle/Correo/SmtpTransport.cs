using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Focalizacion.Cycle.Correo;

/// <summary>Sends through an SMTP server with MailKit: one connection per message (oficios are few).</summary>
public sealed class SmtpTransport(MailSettings settings) : IMailTransport
{
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var host = settings.Host ?? throw new InvalidOperationException("SMTP transport without a host.");
        using var client = new SmtpClient { Timeout = 60_000 };
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
