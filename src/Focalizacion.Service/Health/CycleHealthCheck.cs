using Focalizacion.Cycle.Starting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>The cycle's bootstrap has run: directory seeded, shipped workflow published, the year's cycles started.</summary>
internal sealed class CycleHealthCheck(CycleBootstrap bootstrap) : IHealthCheck
{
    public const string Name = "ciclos";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(bootstrap.Completed
            ? HealthCheckResult.Healthy("Directorio, flujo publicado y ciclos del año en curso iniciados")
            : HealthCheckResult.Unhealthy("Aún no se publica el flujo ni se inician los ciclos del año en curso"));
}
