using Focalizacion.Cycle;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Persistence;

namespace Focalizacion.Testing;

/// <summary>
/// A fresh database on the real PostgreSQL that <c>deploy/postgres.sh</c> starts, migrated, and
/// dropped again afterwards. Each test gets its own, so tests never see each other's rows.
/// </summary>
/// <remarks>
/// Each is a copy of the schema's migrated template (<see cref="ThrowawayDatabase.FromTemplateAsync"/>),
/// so a test database costs tens of milliseconds, not a migration.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Where the server is: <c>FOCALIZACION_DB</c>, which <c>deploy/test.sh</c> sets to the role and database <c>deploy/postgres.sh</c> creates; there is no fallback.</summary>
    public static string ServerConnectionString =>
        DatabaseSetting.FromEnvironment();

    private readonly ThrowawayDatabase _database;

    private TestDatabase(ThrowawayDatabase database) => _database = database;

    public string Name => _database.Name;

    public Store Store => _database.Store;

    public string ConnectionString => Store.ConnectionString;

    /// <summary>The role that serves users (<c>FOCALIZACION_DB_API</c>, which <c>deploy/test.sh</c> sets; there is no fallback), on this database.</summary>
    public string ApiConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable("FOCALIZACION_DB_API") is { Length: > 0 } configured ? configured : throw new InvalidOperationException("falta FOCALIZACION_DB_API (bash deploy/test.sh la exporta)"))
    { Database = Name }.ConnectionString;

    /// <summary>A database with the engine's schema and the test module's (<see cref="TestModule"/>).</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync([TestModule.Schema]);

    /// <summary>A database with the engine's schema and the product's modules (<see cref="CycleRuntime.Schemas"/>).</summary>
    public static Task<TestDatabase> CreateCycleAsync() => CreateAsync(CycleRuntime.Schemas);

    /// <summary>A database with the engine's schema and the given modules'.</summary>
    public static async Task<TestDatabase> CreateAsync(IReadOnlyList<MigrationSet> modules) =>
        new(await ThrowawayDatabase.FromTemplateAsync(ServerConnectionString, "prueba", modules));

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Store.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = Store.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
