using Focalizacion.Service.Access;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>
/// The role that serves users is what it must be: it may read what the start-up granted it, and it
/// owns no table, is not a superuser, cannot bypass row-level security, create databases or signal
/// other backends. A role with more rights is a misconfiguration that would void region isolation.
/// </summary>
internal sealed class AccessHealthCheck(ApiDatabase api) : IHealthCheck
{
    public const string Name = "acceso";

    /// <summary>What each of the query's first six columns means when true.</summary>
    private static readonly string[] Excesses = ["superusuario", "BYPASSRLS", "CREATEDB", "CREATEROLE", "miembro de pg_signal_backend", "dueño de tablas"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = api.Store.DataSource.CreateCommand(
                """
                SELECT r.rolsuper, r.rolbypassrls, r.rolcreatedb, r.rolcreaterole,
                       pg_has_role(current_user, 'pg_signal_backend', 'MEMBER'),
                       EXISTS (SELECT FROM pg_tables WHERE tableowner = current_user),
                       CASE WHEN to_regclass('usuarios') IS NULL OR to_regclass('workflow_instances') IS NULL THEN NULL
                            ELSE has_table_privilege('usuarios', 'SELECT') AND has_table_privilege('workflow_instances', 'SELECT') END
                FROM pg_roles r WHERE r.rolname = current_user
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("No se pudo leer el rol de FOCALIZACION_DB_API");
            }
            var excess = Excesses
                .Where((_, i) => reader.GetBoolean(i)).ToList();
            if (excess.Count > 0)
            {
                return HealthCheckResult.Unhealthy($"El rol de FOCALIZACION_DB_API tiene más derechos de los que debe: {string.Join(", ", excess)}");
            }
            if (reader.IsDBNull(6))
            {
                // Before the migrations: said as such, without a database error in the log.
                return HealthCheckResult.Unhealthy("Aún no se aplican las migraciones que crean las tablas");
            }
            return reader.GetBoolean(6)
                ? HealthCheckResult.Healthy("El rol que atiende a los usuarios tiene lo suyo y nada más")
                : HealthCheckResult.Unhealthy("El rol de FOCALIZACION_DB_API aún no recibe sus permisos (los concede el inicio, tras las migraciones)");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No se pudo comprobar el rol de FOCALIZACION_DB_API", failure);
        }
    }
}
