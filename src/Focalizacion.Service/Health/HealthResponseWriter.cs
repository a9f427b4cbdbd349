using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>
/// Writes a health report as small Spanish JSON: the overall state ("listo", "degradado" or "no
/// listo"), the failing and the degraded checks by name and each check's one-line description.
/// Exception messages stay in the log, not in the answer.
/// </summary>
internal static class HealthResponseWriter
{
    // Spanish stays readable ("están", not "est\u00E1n"); the body is JSON, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A writer that calls a healthy report <paramref name="healthyState"/> ("vivo", "listo").</summary>
    public static Func<HttpContext, HealthReport, Task> Saying(string healthyState) => (context, report) =>
    {
        var body = new
        {
            estado = report.Status switch
            {
                HealthStatus.Healthy => healthyState,
                HealthStatus.Degraded => "degradado",
                _ => "no " + healthyState,
            },
            fallan = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).ToList(),
            degradadas = report.Entries.Where(e => e.Value.Status == HealthStatus.Degraded).Select(e => e.Key).ToList(),
            verificaciones = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    estado = e.Value.Status switch { HealthStatus.Healthy => "correcto", HealthStatus.Degraded => "degradado", _ => "falla" },
                    detalle = e.Value.Description ?? "sin respuesta a tiempo",
                }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    };
}
