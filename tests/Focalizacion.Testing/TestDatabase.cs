using System.Security.Cryptography;
using System.Text;
using Focalizacion.Cycle;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Persistence;
using Npgsql;

namespace Focalizacion.Testing;

/// <summary>
/// A fresh database on the real PostgreSQL that <c>deploy/postgres.sh</c> starts, migrated, and
/// dropped again afterwards. Each test gets its own, so tests never see each other's rows.
/// </summary>
/// <remarks>
/// Migrating a database costs most of a second, so it is done once per schema: the first test
/// (of any test process) to ask for a schema migrates a template database named after a hash of
/// the migration scripts and of the Hangfire.PostgreSql version (the migrations install its
/// tables), and every test database is a <c>CREATE DATABASE … TEMPLATE</c> copy of it. A changed
/// migration or package gives a new hash, hence a new template; a template left half-built by a
/// killed run is rebuilt.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim Building = new(1, 1);

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
    public static async Task<TestDatabase> CreateAsync(IReadOnlyList<MigrationSet> modules)
    {
        var template = await TemplateAsync(modules);
        return new(await ThrowawayDatabase.CopyAsync(ServerConnectionString, "prueba", template));
    }

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

    /// <summary>The migrated template for a schema, built under an advisory lock the first time any test process needs it.</summary>
    private static async Task<string> TemplateAsync(IReadOnlyList<MigrationSet> modules)
    {
        IReadOnlyList<MigrationSet> schema = [MigrationSet.Engine, .. modules];
        var name = TemplateName(schema);
        await Building.WaitAsync();
        try
        {
            await using var admin = new NpgsqlConnection(ServerConnectionString);
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"SELECT pg_advisory_lock(hashtext('{name}'))");
            try
            {
                if (!await ExistsAsync(admin, name))
                {
                    var building = name + "_a_medias";
                    await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {building} WITH (FORCE)");
                    await ExecuteAsync(admin, $"CREATE DATABASE {building}");
                    var connection = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = building, Pooling = false }.ConnectionString;
                    await using (var store = new Store(connection))
                    {
                        await Migrator.ApplyAsync(store.DataSource, schema);
                    }
                    // Only a complete template gets the name other processes look for.
                    await ExecuteAsync(admin, $"ALTER DATABASE {building} RENAME TO {name}");
                }
            }
            finally
            {
                await ExecuteAsync(admin, $"SELECT pg_advisory_unlock(hashtext('{name}'))");
            }
            return name;
        }
        finally
        {
            Building.Release();
        }
    }

    private static string TemplateName(IReadOnlyList<MigrationSet> schema)
    {
        // The migrations install Hangfire's tables too, as the package version in use has them.
        var hangfire = "hangfire " + typeof(Hangfire.PostgreSql.PostgreSqlStorage).Assembly.GetName().Version;
        var scripts = string.Join("\n", schema.SelectMany(s => s.Scripts()).Select(s => s.Name + "\n" + s.Sql).Prepend(hangfire));
        return "prueba_plantilla_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scripts)))[..16];
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection admin, string name)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", admin) { Parameters = { new() { Value = name } } };
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection admin, string sql)
    {
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
