using Npgsql;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// A fresh database on a PostgreSQL server, migrated, and dropped when disposed: the simulation
/// runs a whole cycle in one without touching the real data, and each test gets its own.
/// </summary>
/// <remarks>The server's role needs CREATEDB (the one <c>deploy/postgres.sh</c> creates has it).</remarks>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private ThrowawayDatabase(string serverConnectionString, string name, Store store)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        Store = store;
    }

    public string Name { get; }

    public Store Store { get; }

    /// <summary>Creates a database named <paramref name="prefix"/> plus a random suffix, with the engine's schema and the given modules'.</summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string serverConnectionString, string prefix, IReadOnlyList<MigrationSet> schema, CancellationToken cancellationToken = default)
    {
        var database = await CopyAsync(serverConnectionString, prefix, template: null, cancellationToken);
        await Migrator.ApplyAsync(database.Store.DataSource, schema, cancellationToken);
        return database;
    }

    /// <summary>
    /// Creates a database named <paramref name="prefix"/> plus a random suffix as a copy of
    /// <paramref name="template"/> (already migrated, nobody connected to it), or empty without one.
    /// </summary>
    public static async Task<ThrowawayDatabase> CopyAsync(string serverConnectionString, string prefix, string? template, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}{(template is null ? "" : $" TEMPLATE {template}")}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var store = new Store(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString);
        return new ThrowawayDatabase(serverConnectionString, name, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        try
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (PostgresException denied) when (denied.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE may not stop an autovacuum worker without pg_signal_backend; our own
            // connections are gone, and a plain DROP asks autovacuum to leave by itself.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name}", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
