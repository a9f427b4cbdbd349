using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;

namespace Focalizacion.Service.Health;

/// <summary>
/// The cycle's bootstrap has run (directory seeded, shipped workflow published), and the budget
/// year whose cycles should be running by the clock has one in every region; otherwise it names
/// the year and the regions without one.
/// </summary>
/// <remarks>
/// A year counts from its moment (<see cref="CycleStartMoment"/>) plus <see cref="StartGrace"/>:
/// the yearly start runs every minute, so readiness does not flap at the turn of every year while
/// it starts the 16 cycles. A region with a cancelled cycle has one: an operator cancelled it.
/// </remarks>
internal sealed class CycleHealthCheck(CycleBootstrap bootstrap, EngineRuntime runtime) : IHealthCheck
{
    public const string Name = "ciclos";

    /// <summary>Five runs of the minute's yearly start.</summary>
    public static readonly Duration StartGrace = Duration.FromMinutes(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!bootstrap.Prepared)
        {
            return HealthCheckResult.Unhealthy("Aún no se publica el flujo ni se inician los ciclos del año en curso");
        }
        try
        {
            var year = bootstrap.StartMoment.BudgetYearDueAt(runtime.Clock.GetCurrentInstant() - StartGrace);
            var missing = await bootstrap.WithoutCycleAsync(year, cancellationToken);
            return missing.Count == 0
                ? HealthCheckResult.Healthy($"Los ciclos del año presupuestario {year} están iniciados en las {RegionRegistry.All.Count} regiones")
                : HealthCheckResult.Unhealthy($"Los ciclos del año presupuestario {year} debían iniciarse el {bootstrap.StartMoment.Describe(year)} y {Where(missing)}");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No se pudo consultar qué ciclos están iniciados", failure);
        }
    }

    private static string Where(IReadOnlyList<Region> missing) =>
        missing.Count == RegionRegistry.All.Count
            ? "no se ha iniciado ninguno"
            : "no están iniciados en " + string.Join(", ", missing.Select(r => $"{r.Name} ({r.IsoSuffix})"));
}
