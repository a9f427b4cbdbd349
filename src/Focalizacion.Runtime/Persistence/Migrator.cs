using Npgsql;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// Applies the embedded SQL migrations of the engine and of the modules that build on it, module
/// by module and each module's in name order, each once, each in its own transaction, under an
/// advisory lock so that several processes starting together do not race.
/// </summary>
public static class Migrator
{
    private const long AdvisoryLockKey = 246_2021;

    /// <summary>Applies the pending migrations and returns their names.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, IReadOnlyList<MigrationSet> sets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(sets);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await Execute(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = new List<string>();
            foreach (var (name, sql) in Scripts(sets))
            {
                await using var check = new NpgsqlCommand("SELECT 1 FROM schema_migrations WHERE name = $1", connection) { Parameters = { new() { Value = name } } };
                if (await check.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (name) VALUES ($1)", connection, transaction) { Parameters = { new() { Value = name } } })
                {
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                applied.Add(name);
            }
            return applied;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The embedded migrations the database has not applied yet (all of them on an empty database), read without the lock: for readiness checks.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlDataSource dataSource, IReadOnlyList<MigrationSet> sets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(sets);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is true)
            {
                await using var names = new NpgsqlCommand("SELECT name FROM schema_migrations", connection);
                await using var reader = await names.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }
        }
        return [.. Scripts(sets).Select(s => s.Name).Where(name => !applied.Contains(name))];
    }

    /// <summary>The engine's scripts, then each module's, in order; the engine's always come first.</summary>
    private static IEnumerable<(string Name, string Sql)> Scripts(IReadOnlyList<MigrationSet> sets) =>
        new[] { MigrationSet.Engine }.Concat(sets.Where(s => s != MigrationSet.Engine)).SelectMany(s => s.Scripts());

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
