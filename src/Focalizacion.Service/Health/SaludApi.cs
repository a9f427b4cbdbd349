using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>
/// The health endpoints: <c>/salud/vivo</c> (liveness: the process serves requests; no check
/// runs, so a database outage never gets the process restarted) and <c>/salud/listo</c>
/// (readiness: PostgreSQL, migrations and the Hangfire server; 503 naming what fails).
/// </summary>
internal static class SaludApi
{
    public const string LivenessPath = "/salud/vivo";
    public const string ReadinessPath = "/salud/listo";

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
        });
        return endpoints;
    }
}
