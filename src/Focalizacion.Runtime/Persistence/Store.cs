using Focalizacion.Runtime.Access;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// The connection to the PostgreSQL store: one Npgsql data source (pooled, with NodaTime types)
/// and the EF Core options built on it.
/// </summary>
public sealed class Store : IAsyncDisposable
{
    private readonly DbContextOptions<FocalizacionDb> _options;

    public Store(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        // Defaults for the engine's hot path unless the connection string says otherwise. Its
        // statements repeat on every step: prepared once per connection, PostgreSQL skips parsing
        // and planning them. Nothing here leaves session state behind on a pooled connection (the
        // session advisory locks are released in finally blocks), so the reset that would run
        // before each reuse is skipped.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = 64;
        }
        if (!given.ContainsKey("No Reset On Close"))
        {
            settings.NoResetOnClose = true;
        }
        builder.UseNodaTime();
        DataSource = builder.Build();
        ConnectionString = connectionString;
        _options = new DbContextOptionsBuilder<FocalizacionDb>()
            .UseNpgsql(DataSource, npgsql => npgsql.UseNodaTime())
            .UseSnakeCaseNamingConvention()
            .Options;
    }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString { get; }

    /// <summary>A context on the store; inside a <see cref="ReadAsync{T}"/> or <see cref="WriteAsync{T}"/> body, on its transaction.</summary>
    public FocalizacionDb Open()
    {
        if (ScopedReading.Current(DataSource) is not { } reading)
        {
            return new(_options);
        }
        var db = new FocalizacionDb(new DbContextOptionsBuilder<FocalizacionDb>()
            .UseNpgsql(reading.Connection, npgsql => npgsql.UseNodaTime())
            .UseSnakeCaseNamingConvention()
            .Options);
        db.Database.UseTransaction(reading.Transaction);
        return db;
    }

    /// <summary>A command on the store; inside a <see cref="ReadAsync{T}"/> or <see cref="WriteAsync{T}"/> body, on its transaction.</summary>
    public NpgsqlCommand CreateCommand(string sql) =>
        ScopedReading.Current(DataSource) is { } reading ? new NpgsqlCommand(sql, reading.Connection, reading.Transaction) : DataSource.CreateCommand(sql);

    /// <summary>A batch on the store (several statements, one round trip); inside a <see cref="ReadAsync{T}"/> or <see cref="WriteAsync{T}"/> body, on its transaction.</summary>
    public NpgsqlBatch CreateBatch() =>
        ScopedReading.Current(DataSource) is { } reading ? new NpgsqlBatch(reading.Connection, reading.Transaction) : DataSource.CreateBatch();

    /// <summary>
    /// Runs <paramref name="body"/> in one read-only transaction that sees only <paramref name="scope"/>
    /// (row-level security, for a role it binds), every <see cref="CreateCommand"/> and
    /// <see cref="Open"/> of this store on the same async flow inside it.
    /// </summary>
    public Task<T> ReadAsync<T>(RegionScope scope, Func<Task<T>> body, CancellationToken cancellationToken = default) =>
        ScopedReading.RunAsync(DataSource, scope, false, body, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync{T}"/>, in one read-write transaction committed when
    /// <paramref name="body"/> returns (nothing of it when it throws): for a role bound by row-level
    /// security, every row it inserts or changes must be inside <paramref name="scope"/> (the
    /// policies' WITH CHECK), so a GORE's write cannot land in another region. For the owner, who is
    /// not bound, it is simply one transaction for the body's commands.
    /// </summary>
    public Task<T> WriteAsync<T>(RegionScope scope, Func<Task<T>> body, CancellationToken cancellationToken = default) =>
        ScopedReading.RunAsync(DataSource, scope, true, body, cancellationToken);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
