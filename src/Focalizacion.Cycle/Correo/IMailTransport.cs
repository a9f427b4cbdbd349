using MimeKit;

namespace Focalizacion.Cycle.Correo;

/// <summary>Hands a finished message to whatever delivers it; throws when it could not.</summary>
public interface IMailTransport
{
    /// <summary>
    /// Sends the message. The moment the other side has taken it (an SMTP server's 250 to the data,
    /// a file in place), awaits <paramref name="accepted"/> with what it said, before anything else:
    /// from then on the message is sent, and what goes wrong afterwards (a QUIT answered late or
    /// not at all, a dropped connection) is not a failure of the send. Throws when the message was
    /// not taken, or when <paramref name="accepted"/> throws.
    /// </summary>
    Task SendAsync(MimeMessage message, Func<string, Task> accepted, CancellationToken cancellationToken);
}
