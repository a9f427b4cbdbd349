namespace Focalizacion.Cli.Arguments;

/// <summary>A file the user named, read as bytes: a file that cannot be read is a <see cref="UsageException"/> naming it.</summary>
internal static class InputFile
{
    /// <summary>The file's bytes, exactly as on disk (an XML file's encoding is the reader's to decode).</summary>
    public static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"no se puede leer «{path}»: {e.Message}");
        }
    }
}
