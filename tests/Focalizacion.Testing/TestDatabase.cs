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

    /// <summary>The engine's schema and the modules' it was made with.</summary>
    private readonly IReadOnlyList<MigrationSet> _schema;

    private TestDatabase(ThrowawayDatabase database, IReadOnlyList<MigrationSet> modules)
    {
        _database = database;
        _schema = [.. modules.Prepend(MigrationSet.Engine).Distinct()];
    }

    public string Name => _database.Name;

    public Store Store => _database.Store;

    public string ConnectionString => Store.ConnectionString;

    /// <summary>The role that serves users (<c>FOCALIZACION_DB_API</c>, which <c>deploy/test.sh</c> sets; there is no fallback), on this database.</summary>
    public string ApiConnectionString => OnThisDatabase(DatabaseRole.Api);

    /// <summary>The engine's role (<c>FOCALIZACION_DB_MOTOR</c>, which <c>deploy/test.sh</c> sets; there is no fallback), on this database.</summary>
    public string MotorConnectionString => OnThisDatabase(DatabaseRole.Motor);

    /// <summary>
    /// What a CLI process is given to work on this database: each role's connection string on it. The child inherits
    /// the test's own variables, which name another database, so all three are always given.
    /// </summary>
    public Dictionary<string, string> CliEnvironment() => new()
    {
        [DatabaseSetting.Variable] = ConnectionString,
        [DatabaseRole.Motor.Variable] = MotorConnectionString,
        [DatabaseRole.Api.Variable] = ApiConnectionString,
    };

    /// <summary>
    /// Grants the engine's role and the API's what the modules say (<see cref="SchemaOwner"/>, as the service's start-up and
    /// the CLI's <c>migrar</c> do): a database is made without, and whatever acts as those roles on it needs them.
    /// </summary>
    public Task GrantRolesAsync() =>
        new SchemaOwner(Store, DatabaseRole.RoleOf(MotorConnectionString), DatabaseRole.RoleOf(ApiConnectionString)).PrepareAsync(_schema);

    private string OnThisDatabase(DatabaseRole role) => new Npgsql.NpgsqlConnectionStringBuilder(
        Environment.GetEnvironmentVariable(role.Variable) is { Length: > 0 } configured ? configured : throw new InvalidOperationException($"falta {role.Variable} (bash deploy/test.sh la exporta)"))
    { Database = Name }.ConnectionString;

    /// <summary>A database with the engine's schema and the test module's (<see cref="TestModule"/>).</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync([TestModule.Schema]);

    /// <summary>A database with the engine's schema and the product's modules (<see cref="CycleRuntime.Schemas"/>).</summary>
    public static Task<TestDatabase> CreateCycleAsync() => CreateAsync(CycleRuntime.Schemas);

    /// <summary>A database with the engine's schema and the given modules'.</summary>
    public static async Task<TestDatabase> CreateAsync(IReadOnlyList<MigrationSet> modules) =>
        new(await ThrowawayDatabase.FromTemplateAsync(ServerConnectionString, "prueba", modules), modules);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>The number <paramref name="sql"/> returns, its <paramref name="parameters"/> as <c>$1</c>, <c>$2</c>…</summary>
    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = Store.DataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new() { Value = value });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits (up to a minute) until the instance of <paramref name="correlationKey"/> ("NB/2027") has a token
    /// waiting for <paramref name="message"/>: a send task's email is written before it is sent, and the
    /// instance moves on to its next wait only once the send is done.
    /// </summary>
    public async Task<bool> AwaitsAsync(string correlationKey, string message) =>
        await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () => await ScalarAsync(
            "SELECT count(*) FROM bookmarks b JOIN workflow_instances i ON i.id = b.instance_id WHERE i.correlation_key = $1 AND b.kind = $2 AND b.key = $3",
            correlationKey, nameof(Focalizacion.Engine.Execution.TokenWait.Message), message) > 0);

    public async Task ExecuteAsync(string sql)
    {
        await using var command = Store.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
