using System.Globalization;
using Focalizacion.Runtime.Persistence;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Focalizacion.Service.Health;

/// <summary>
/// This process's Hangfire server is announced in storage with a recent heartbeat: timers fire
/// and effects leave. Another process's server does not count; this one's readiness is asked.
/// </summary>
/// <remarks>
/// Hangfire stamps heartbeats with the machine's wall time, so their age is measured against the
/// <see cref="HeartbeatClock"/> the composition root gives, never against the domain clock, which
/// <c>FOCALIZACION_RELOJ</c> may start at another instant for rehearsals.
/// </remarks>
internal sealed class HangfireServerHealthCheck(Store store, IServiceProvider services, HeartbeatClock wallClock) : IHealthCheck
{
    public const string Name = "hangfire";

    /// <summary>Hangfire beats every 30 s; two missed beats mean the server is not working.</summary>
    private static readonly TimeSpan HeartbeatAge = TimeSpan.FromSeconds(90);

    /// <summary>Hangfire names a server "host:pid:guid"; the pid tells which one is ours.</summary>
    private static readonly string OwnProcess = ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ":";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire's PostgreSQL storage retries for tens of seconds, synchronously, when the
            // database is down: ask the database first, and never wait on Hangfire past the timeout.
            await using (var connection = await store.DataSource.OpenConnectionAsync(cancellationToken))
            {
                // Asked of the catalogs, which need no rights: before the start-up installed Hangfire's
                // tables, or before it granted this role their schema, asking Hangfire (or to_regclass)
                // would be a permission error in the log at every probe.
                await using var installed = new NpgsqlCommand(
                    """
                    SELECT n.oid IS NOT NULL AND EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'server'),
                           n.oid IS NOT NULL AND has_schema_privilege(n.oid, 'USAGE')
                    FROM (SELECT) AS one LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = @schema
                    """, connection);
                installed.Parameters.AddWithValue("schema", Migrator.HangfireSchema);
                await using var reader = await installed.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                if (!reader.GetBoolean(0))
                {
                    return HealthCheckResult.Unhealthy("Las tablas de Hangfire aún no están instaladas");
                }
                if (!reader.GetBoolean(1))
                {
                    return HealthCheckResult.Unhealthy("El rol del motor aún no recibe permisos sobre las tablas de Hangfire (los concede el inicio, tras instalarlas)");
                }
            }
            return await Task.Run(OwnServer, cancellationToken).WaitAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No se pudo consultar el servidor Hangfire", failure);
        }
    }

    private HealthCheckResult OwnServer()
    {
        // Resolved here, not injected: with the database down the storage cannot even be built,
        // and that must read as a failed check, not as a broken probe.
        var servers = services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
        var ours = servers.FirstOrDefault(s => s.Name.Contains(OwnProcess, StringComparison.Ordinal));
        return ours switch
        {
            null => HealthCheckResult.Unhealthy("El servidor Hangfire de este proceso no está registrado"),
            { Heartbeat: { } beat } when wallClock.Clock.GetCurrentInstant().ToDateTimeUtc() - beat <= HeartbeatAge => HealthCheckResult.Healthy("El servidor Hangfire está en marcha"),
            _ => HealthCheckResult.Unhealthy("El servidor Hangfire de este proceso no da señales"),
        };
    }
}
