using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>Every migration this build ships is applied: the start-up applies them, so a gap means another version changed the database or the start-up did not finish.</summary>
/// <remarks>Read as the tables' owner, whose record of migrations it is (the engine's role is granted nothing on it).</remarks>
internal sealed class MigrationsHealthCheck(EngineRuntime runtime, SchemaOwner owner) : IHealthCheck
{
    public const string Name = "migraciones";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await Migrator.PendingAsync(owner.Store.DataSource, runtime.Schema, cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Todas las migraciones están aplicadas")
                : HealthCheckResult.Unhealthy($"Migraciones pendientes: {string.Join(", ", pending)}");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No se pudo leer el estado de las migraciones", failure);
        }
    }
}
