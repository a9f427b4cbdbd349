using MimeKit;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// Writes each message as <c>&lt;hash&gt;.eml</c> in a folder instead of sending it. The name comes
/// from the Message-ID, so a retry overwrites the same file rather than leaving a duplicate, and
/// the file appears whole (written aside, then renamed) for whatever picks it up. Oficios carry
/// names and amounts: a folder it creates is the service user's only (0700), and so is every file (0600).
/// </summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, Func<string, Task> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(accepted);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var name = MessageIds.FileName(message.MessageId ?? throw new ArgumentException("The message has no Message-ID.", nameof(message)));
        var path = Path.Combine(folder, name);
        var temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var file = new FileStream(temporary, options))
        {
            await message.WriteToAsync(file, cancellationToken);
        }
        File.Move(temporary, path, overwrite: true);
        await accepted($"escrito en {path}");
    }
}
