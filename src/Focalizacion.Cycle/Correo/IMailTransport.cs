using MimeKit;

namespace Focalizacion.Cycle.Correo;

/// <summary>Hands a finished message to whatever delivers it; throws when it could not.</summary>
public interface IMailTransport
{
    /// <summary>Sends the message and returns what the other side said (the SMTP server's reply, or the file written).</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
