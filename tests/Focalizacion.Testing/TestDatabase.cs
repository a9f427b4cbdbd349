using Focalizacion.Runtime.Persistence;

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

    private readonly ThrowawayDatabase _database;

    private TestDatabase(ThrowawayDatabase database) => _database = database;

    public string Name => _database.Name;

    public Store Store => _database.Store;

    public string ConnectionString => Store.ConnectionString;

    public static async Task<TestDatabase> CreateAsync() => new(await ThrowawayDatabase.CreateAsync(ServerConnectionString, "prueba"));

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
