using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Estado;
using Focalizacion.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>
/// The cycle's mail goes out: degraded while an email is failing or has waited longer than
/// <see cref="MailSettings.AlertAfter"/>, with the oldest one waiting and the last error
/// (<see cref="MailStatus"/>). Degraded, not failed: the service still records events and fires
/// timers, and every email waits in the outbox until the server takes it.
/// </summary>
internal sealed class MailHealthCheck(EngineRuntime runtime, MailSettings mail) : IHealthCheck
{
    public const string Name = "correo";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await MailStatus.ReadAsync(runtime.Store, runtime.Clock, mail.AlertAfter, cancellationToken);
            return status.Degraded ? HealthCheckResult.Degraded(status.Detail) : HealthCheckResult.Healthy(status.Detail);
        }
        catch (Npgsql.PostgresException missing) when (missing.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            // A new database before the start-up's migrations: the migrations check says so; this is no error to log.
            return HealthCheckResult.Unhealthy("Aún no se puede leer el estado del correo: faltan las tablas de la base de datos");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No se pudo leer el estado del correo", failure);
        }
    }
}
