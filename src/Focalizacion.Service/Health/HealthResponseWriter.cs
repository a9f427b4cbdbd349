using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>
/// Writes a health report as small Spanish JSON: the overall state, the failing checks by name
/// and each check's one-line description. Exception messages stay in the log, not in the answer.
/// </summary>
internal static class HealthResponseWriter
{
    // Spanish stays readable ("están", not "est\u00E1n"); the body is JSON, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A writer that calls a healthy report <paramref name="healthyState"/> ("vivo", "listo").</summary>
    public static Func<HttpContext, HealthReport, Task> Saying(string healthyState) => (context, report) =>
    {
        var healthy = report.Status == HealthStatus.Healthy;
        var body = new
        {
            estado = healthy ? healthyState : "no " + healthyState,
            fallan = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Key).ToList(),
            verificaciones = report.Entries.ToDictionary(
                e => e.Key,
                e => new { estado = e.Value.Status == HealthStatus.Healthy ? "correcto" : "falla", detalle = e.Value.Description ?? "sin respuesta a tiempo" }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    };
}
