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
    /// <summary>
    /// One set of EF Core options for every store, with no connection in it: each context gets its
    /// store's connection when opened. Options built on a data source are keyed by its connection
    /// string, so every throwaway database (a simulation, a test) used to build EF Core's model and
    /// compile every query again, hundreds of milliseconds each time; with these, once per process.
    /// </summary>
    private static readonly DbContextOptions<FocalizacionDb> Options = new DbContextOptionsBuilder<FocalizacionDb>()
        .UseNpgsql(npgsql => npgsql.UseNodaTime())
        .UseSnakeCaseNamingConvention()
        .Options;

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
    }

    public NpgsqlDataSource DataSource { get; }

    public string ConnectionString { get; }

    /// <summary>A context on the store; inside a <see cref="ReadAsync{T}"/> or <see cref="WriteAsync{T}"/> body, on its transaction.</summary>
    public FocalizacionDb Open()
    {
        var db = new FocalizacionDb(Options);
        if (ScopedReading.Current(DataSource) is not { } reading)
        {
            db.Database.SetDbConnection(DataSource.CreateConnection(), contextOwnsConnection: true);
            return db;
        }
        db.Database.SetDbConnection(reading.ScopedConnection, contextOwnsConnection: false);
        db.Database.UseTransaction(reading.Transaction);
        return db;
    }

    /// <summary>A command on the store; inside a <see cref="ReadAsync{T}"/> or <see cref="WriteAsync{T}"/> body, on its transaction.</summary>
    public NpgsqlCommand CreateCommand(string sql) =>
        ScopedReading.Current(DataSource) is { } reading ? new NpgsqlCommand(sql, reading.ScopedConnection, reading.Transaction) : DataSource.CreateCommand(sql);

    /// <summary>A batch on the store (several statements, one round trip); inside a <see cref="ReadAsync{T}"/> or <see cref="WriteAsync{T}"/> body, on its transaction.</summary>
    public NpgsqlBatch CreateBatch() =>
        ScopedReading.Current(DataSource) is { } reading ? reading.CreateBatch() : DataSource.CreateBatch();

    /// <summary>
    /// Runs <paramref name="body"/> in one read-only transaction that sees only <paramref name="scope"/>
    /// (row-level security, for a role it binds), every <see cref="CreateCommand"/> and
    /// <see cref="Open"/> of this store on the same async flow inside it.
    /// </summary>
    public Task<T> ReadAsync<T>(RegionScope scope, Func<Task<T>> body, CancellationToken cancellationToken = default) =>
        ScopedReading.RunAsync(DataSource, scope, false, body, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync{T}"/>, for a <paramref name="body"/> whose first statement is a batch
    /// (<see cref="CreateBatch"/>): the scope is set at the head of that batch, in its round trip, instead of in one of
    /// its own before the body. A command or context the body makes before its first batch throws (it would read
    /// with no scope).
    /// </summary>
    public Task<T> ReadBatchFirstAsync<T>(RegionScope scope, Func<Task<T>> body, CancellationToken cancellationToken = default) =>
        ScopedReading.RunAsync(DataSource, scope, false, body, cancellationToken, scopeInFirstBatch: true);

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
