using Npgsql;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// A fresh database on a PostgreSQL server, migrated, and dropped when disposed: the simulation
/// runs a whole cycle in one without touching the real data, and each test gets its own.
/// </summary>
/// <remarks>
/// The server's role needs CREATEDB (the one <c>deploy/postgres.sh</c> creates has it). Every
/// database made here carries <see cref="Marker"/> as its comment, set right after it is created,
/// so that what only makes sense on a copy (virtual time, which fires future timers now and sends
/// their mail) can ask <see cref="IsThrowawayAsync"/> and refuse the live database. A comment is
/// the database's own (PostgreSQL keeps it in <c>pg_shdescription</c>): <c>CREATE DATABASE …
/// TEMPLATE</c> does not copy it and a dump of the tables does not carry it, so a database made
/// any other way, from whatever template, never has it; one made here always does.
/// </remarks>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    /// <summary>The comment every throwaway database carries, and no other.</summary>
    public const string Marker = "focalizacion: base desechable (pruebas o simulación); se borra al terminar";

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
            await using var mark = new NpgsqlCommand($"COMMENT ON DATABASE {name} IS '{Marker}'", admin);
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        var store = new Store(new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString);
        return new ThrowawayDatabase(serverConnectionString, name, store);
    }

    /// <summary>Whether the database <paramref name="dataSource"/> connects to was made here (it carries <see cref="Marker"/>).</summary>
    public static async Task<bool> IsThrowawayAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(shobj_description(oid, 'pg_database') = $1, false) FROM pg_database WHERE datname = current_database()");
        command.Parameters.Add(new NpgsqlParameter { Value = Marker });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
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
