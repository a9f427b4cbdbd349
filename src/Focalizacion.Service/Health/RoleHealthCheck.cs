using Focalizacion.Runtime.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Focalizacion.Service.Health;

/// <summary>
/// A role the service works with, other than the tables' owner, is what it must be: it may do what the
/// start-up granted it, and it owns no table, is not a superuser, cannot bypass row-level security,
/// create databases or roles, or signal other backends. A role with more rights is a
/// misconfiguration that would void region isolation or the journal's append-only guarantee.
/// </summary>
/// <param name="store">The role's store.</param>
/// <param name="variable">The variable that names the role (in messages).</param>
/// <param name="granted">What the start-up grants it that says the grants were made: (table, privilege), constants of ours.</param>
/// <param name="healthy">The message when it is as it must be.</param>
internal abstract class RoleHealthCheck(Store store, string variable, (string Table, string Privilege)[] granted, string healthy) : IHealthCheck
{
    /// <summary>What each of the query's first six columns means when true.</summary>
    private static readonly string[] Excesses = ["superusuario", "BYPASSRLS", "CREATEDB", "CREATEROLE", "miembro de pg_signal_backend", "dueño de tablas"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var missing = string.Join(" OR ", granted.Select(g => $"to_regclass('{g.Table}') IS NULL"));
            var has = string.Join(" AND ", granted.Select(g => $"has_table_privilege('{g.Table}', '{g.Privilege}')"));
            await using var command = store.DataSource.CreateCommand(
                $"""
                SELECT r.rolsuper, r.rolbypassrls, r.rolcreatedb, r.rolcreaterole,
                       pg_has_role(current_user, 'pg_signal_backend', 'MEMBER'),
                       EXISTS (SELECT FROM pg_tables WHERE tableowner = current_user),
                       CASE WHEN {missing} THEN NULL ELSE {has} END
                FROM pg_roles r WHERE r.rolname = current_user
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"No se pudo leer el rol de {variable}");
            }
            var excess = Excesses
                .Where((_, i) => reader.GetBoolean(i)).ToList();
            if (excess.Count > 0)
            {
                return HealthCheckResult.Unhealthy($"El rol de {variable} tiene más derechos de los que debe: {string.Join(", ", excess)}");
            }
            if (reader.IsDBNull(6))
            {
                // Before the migrations: said as such, without a database error in the log.
                return HealthCheckResult.Unhealthy("Aún no se aplican las migraciones que crean las tablas");
            }
            return reader.GetBoolean(6)
                ? HealthCheckResult.Healthy(healthy)
                : HealthCheckResult.Unhealthy($"El rol de {variable} aún no recibe sus permisos (los concede el inicio, tras las migraciones)");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No se pudo comprobar el rol de {variable}", failure);
        }
    }
}
