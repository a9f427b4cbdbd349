using Npgsql;

namespace Focalizacion.Runtime.Access;

/// <summary>
/// One transaction on a store whose role is bound by row-level security, with the caller's
/// <see cref="RegionScope"/> set for that transaction only. While its body runs, the store's
/// commands and contexts opened on the same async flow (<see cref="Persistence.Store.CreateCommand"/>,
/// <see cref="Persistence.Store.Open"/>) run inside it, so library readers see exactly what the
/// caller may see. A reading (<see cref="Persistence.Store.ReadAsync{T}"/>) is read-only and always
/// rolled back; a writing (<see cref="Persistence.Store.WriteAsync{T}"/>) is committed when its body
/// returns, and what it writes must pass the policies' WITH CHECK for the same scope.
/// </summary>
public sealed class ScopedReading
{
    private static readonly AsyncLocal<ScopedReading?> Ambient = new();

    private readonly NpgsqlDataSource _source;

    private ScopedReading(NpgsqlDataSource source, NpgsqlConnection connection, NpgsqlTransaction transaction, RegionScope scope, bool writes)
    {
        Writes = writes;
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

    /// <summary>Whether the body may write (and the transaction is committed when it returns).</summary>
    public bool Writes { get; }

    /// <summary>
    /// Opens a connection, begins the transaction (read-only unless <paramref name="writes"/>) with
    /// <paramref name="scope"/> set (one round trip), runs <paramref name="body"/> inside it, then
    /// rolls a reading back and commits a writing; a body that throws commits nothing.
    /// </summary>
    internal static async Task<T> RunAsync<T>(NpgsqlDataSource dataSource, RegionScope scope, bool writes, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            if (!writes)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"));
            }
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config($1, $2, true)") { Parameters = { new() { Value = RegionScope.Setting }, new() { Value = scope.Value } } });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        var outer = Ambient.Value;
        Ambient.Value = new ScopedReading(dataSource, connection, transaction, scope, writes);
        try
        {
            var result = await body();
            if (writes)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return result;
        }
        finally
        {
            Ambient.Value = outer;
        }
    }
}
