using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Focalizacion.Service.Api;

/// <summary>Request bodies read whole into memory, never past a limit: what JSON bodies, BPMN uploads and scenarios share.</summary>
internal static class ApiBody
{
    /// <summary>The body's bytes, at most <paramref name="maxBytes"/>; a 413 saying the limit when it declares or sends more (nothing past the limit is read).</summary>
    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, $"cuerpo: supera el máximo de {Size(maxBytes)}", "cuerpo");

    /// <summary>"256 KiB", "10 MiB".</summary>
    public static string Size(int bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KiB");
}
