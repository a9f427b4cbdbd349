namespace Focalizacion.Service.Identity;

/// <summary>Where a login sends the browser back: only a path of this service, never an open redirect to another site.</summary>
internal static class ReturnPath
{
    public const int MaxLength = 2000;

    /// <summary><paramref name="path"/> when it is a path of this service; the board ("/") otherwise.</summary>
    public static string Safe(string? path) =>
        path is { Length: > 0 and <= MaxLength } && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
            ? path
            : "/";
}
