using Focalizacion.Runtime.Persistence;
using Npgsql;

namespace Focalizacion.Testing;

/// <summary>
/// A fresh database on the real PostgreSQL that <c>deploy/postgres.sh</c> starts, migrated, and
/// dropped again afterwards. Each test gets its own, so tests never see each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Where the server is: <c>FOCALIZACION_DB</c>, or the role and database the script creates.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("FOCALIZACION_DB") is { Length: > 0 } configured ? configured : Store.DefaultConnectionString;

    private TestDatabase(string name, Store store)
    {
        Name = name;
        Store = store;
    }

    public string Name { get; }

    public Store Store { get; }

    public string ConnectionString => Store.ConnectionString;

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = $"prueba_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(ServerConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var store = new Store(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString);
        await store.MigrateAsync();
        return new TestDatabase(name, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = Store.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
