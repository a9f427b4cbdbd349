using Npgsql;

namespace Focalizacion.Runtime.Access;

/// <summary>
/// One read-only transaction on a store whose role is bound by row-level security, with the
/// caller's <see cref="RegionScope"/> set for that transaction only. While its body runs, the
/// store's commands and contexts opened on the same async flow
/// (<see cref="Persistence.Store.CreateCommand"/>, <see cref="Persistence.Store.Open"/>) run inside
/// it, so library readers see exactly what the caller may see. It is always rolled back: it never writes.
/// </summary>
public sealed class ScopedReading
{
    private static readonly AsyncLocal<ScopedReading?> Ambient = new();

    private readonly NpgsqlDataSource _source;

    private ScopedReading(NpgsqlDataSource source, NpgsqlConnection connection, NpgsqlTransaction transaction, RegionScope scope)
    {
        _source = source;
        Connection = connection;
        Transaction = transaction;
        Scope = scope;
    }

    /// <summary>The reading on <paramref name="source"/> whose body runs on this async flow, if any.</summary>
    internal static ScopedReading? Current(NpgsqlDataSource source) => Ambient.Value is { } reading && reading._source == source ? reading : null;

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public RegionScope Scope { get; }

    /// <summary>
    /// Opens a connection, begins the transaction read-only with <paramref name="scope"/> set (one
    /// round trip), runs <paramref name="body"/> inside it and rolls it back.
    /// </summary>
    internal static async Task<T> RunAsync<T>(NpgsqlDataSource dataSource, RegionScope scope, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config($1, $2, true)") { Parameters = { new() { Value = RegionScope.Setting }, new() { Value = scope.Value } } });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        var outer = Ambient.Value;
        Ambient.Value = new ScopedReading(dataSource, connection, transaction, scope);
        try
        {
            return await body();
        }
        finally
        {
            Ambient.Value = outer;
        }
    }
}
