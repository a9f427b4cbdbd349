using MimeKit;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// Writes each message as <c>&lt;hash&gt;.eml</c> in a folder instead of sending it. The name comes
/// from the Message-ID, so a retry overwrites the same file rather than leaving a duplicate, and
/// the file appears whole (written aside, then renamed) for whatever picks it up.
/// </summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, Func<string, Task> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(accepted);
        Directory.CreateDirectory(folder);
        var name = MessageIds.FileName(message.MessageId ?? throw new ArgumentException("The message has no Message-ID.", nameof(message)));
        var path = Path.Combine(folder, name);
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        await accepted($"escrito en {path}");
    }
}
