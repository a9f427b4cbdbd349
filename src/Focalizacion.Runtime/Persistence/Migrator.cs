using Hangfire.PostgreSql;
using Npgsql;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// Applies the embedded SQL migrations of the engine and of the modules that build on it, module
/// by module and each module's in name order, each once, each in its own transaction, and then
/// installs or upgrades Hangfire's tables, all under one advisory lock so that several processes
/// starting together do not race.
/// </summary>
/// <remarks>
/// Hangfire's storage does not install its own tables (<c>PrepareSchemaIfNecessary</c> is off):
/// its installer reads the installed version and then runs the scripts after it, so two processes
/// starting together on a new database run the same DDL side by side and one fails on the other's
/// half-made objects (a 23505 unique violation, a 22P02 reading the version, a catalog error).
/// Here the second process waits for the lock and finds everything installed.
/// </remarks>
public static class Migrator
{
    /// <summary>The schema Hangfire's storage lives in.</summary>
    public const string HangfireSchema = "hangfire";

    private const long AdvisoryLockKey = 246_2021;

    /// <summary>Applies the pending migrations, then Hangfire's; returns the names of ours applied.</summary>
    public static Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource dataSource, IReadOnlyList<MigrationSet> sets, CancellationToken cancellationToken = default) =>
        ApplyAsync(dataSource, sets, [], cancellationToken);

    /// <summary>
    /// Applies the pending migrations, then Hangfire's, then grants each of <paramref name="grants"/>'s roles what
    /// its functions (one per module, or none) say, under the same lock: several processes starting together
    /// would otherwise run the same GRANTs and policy changes side by side, and one fails on the other's catalog
    /// rows ("tuple concurrently updated"). Returns the names of our migrations applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<MigrationSet> sets, IReadOnlyList<(string Role, Func<MigrationSet, string?> Functions)> grants, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grants);
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
            // Synchronous (the installer has no async form) and a no-op once installed: it reads
            // the installed version and applies only the scripts after it, each in its own transaction.
            PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
            // Its scripts set search_path and reset it at their end; the pool reuses this
            // connection without a reset, so nothing of theirs may outlive them.
            await Execute(connection, null, "RESET search_path", cancellationToken);
            foreach (var (role, functions) in grants)
            {
                await GrantAsync(connection, sets, functions, role, cancellationToken);
            }
            return applied;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// Grants <paramref name="apiRole"/> what each module says the API's role may do on its tables
    /// (<see cref="MigrationSet.ApiGrants"/>), as the owner, after the migrations. Idempotent.
    /// </summary>
    public static async Task GrantApiAsync(NpgsqlDataSource dataSource, IReadOnlyList<MigrationSet> sets, string apiRole, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await GrantAsync(connection, sets, s => s.ApiGrants, apiRole, cancellationToken);
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

    private static async Task GrantAsync(NpgsqlConnection connection, IReadOnlyList<MigrationSet> sets, Func<MigrationSet, string?> grants, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sets);
        foreach (var function in sets.Select(grants).OfType<string>())
        {
            // The function's name is ours (a constant of the module), the role a parameter.
            await using var grant = new NpgsqlCommand($"SELECT {function}($1)", connection) { Parameters = { new() { Value = role } } };
            await grant.ExecuteNonQueryAsync(cancellationToken);
        }
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
