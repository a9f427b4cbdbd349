namespace Focalizacion.Cli.Arguments;

/// <summary>A file the user named, read as bytes: a file that cannot be read is a <see cref="UsageException"/> naming it.</summary>
internal static class InputFile
{
    /// <summary>
    /// The file's bytes exactly as on disk (an XML file's encoding is the reader's to decode), but
    /// never more than <paramref name="limit"/> + 1 of them, so that a huge or endless file
    /// (<c>/dev/zero</c>) stops early and the caller can say it is too large.
    /// </summary>
    public static byte[] ReadBytes(string path, int limit)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"no se puede leer «{path}»: es una carpeta, no un archivo");
        }
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var bytes = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while (bytes.Length <= limit && (read = file.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - bytes.Length))) > 0)
            {
                bytes.Write(chunk, 0, read);
            }
            return bytes.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"no se puede leer «{path}»: no existe");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"no se puede leer «{path}»: no tiene permiso para leerlo");
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"no se puede leer «{path}»: {e.Message}");
        }
    }
}
