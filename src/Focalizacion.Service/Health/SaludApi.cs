using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>
/// The health endpoints: <c>/salud/vivo</c> (liveness: the process serves requests; no check
/// runs, so a database outage never gets the process restarted) and <c>/salud/listo</c>
/// (readiness: PostgreSQL, migrations, the Hangfire server, the cycles and the mail; 503 naming
/// what fails).
/// </summary>
/// <remarks>
/// A degraded check (mail not going out) answers 200 with <c>"estado": "degradado"</c>: the
/// service still works and keeps every email until the server takes it, and a load balancer that
/// pulled it out would stop events being recorded without sending a single email more.
/// </remarks>
internal static class SaludApi
{
    public const string Prefix = "/salud";
    public const string LivenessPath = Prefix + "/vivo";
    public const string ReadinessPath = Prefix + "/listo";

    public static IEndpointRouteBuilder MapSaludApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.Saying("vivo"),
        });
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthCheckExtensions.ReadinessTag),
            ResponseWriter = HealthResponseWriter.Saying("listo"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return endpoints;
    }
}
