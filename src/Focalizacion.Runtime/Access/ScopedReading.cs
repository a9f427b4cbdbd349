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

    /// <summary>Whether the scope still waits for the reading's first batch (<see cref="AddScope"/>).</summary>
    private bool _scopePending;

    private ScopedReading(NpgsqlDataSource source, NpgsqlConnection connection, NpgsqlTransaction transaction, RegionScope scope, bool writes, bool scopePending)
    {
        Writes = writes;
        _source = source;
        Connection = connection;
        Transaction = transaction;
        Scope = scope;
        _scopePending = scopePending;
    }

    /// <summary>The reading on <paramref name="source"/> whose body runs on this async flow, if any.</summary>
    internal static ScopedReading? Current(NpgsqlDataSource source) => Ambient.Value is { } reading && reading._source == source ? reading : null;

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public RegionScope Scope { get; }

    /// <summary>Whether the body may write (and the transaction is committed when it returns).</summary>
    public bool Writes { get; }

    /// <summary>
    /// The connection for a command or a context of the body; throws while the scope waits for the first batch
    /// (<see cref="RunAsync{T}"/> with <c>scopeInFirstBatch</c>), which would read with no scope.
    /// </summary>
    internal NpgsqlConnection ScopedConnection => _scopePending
        ? throw new InvalidOperationException("This reading sends its region scope with its first batch: its first statement must be a batch (Store.CreateBatch), not a command or a context.")
        : Connection;

    /// <summary>A batch of the body, with the scope's statements first if they have not been sent yet.</summary>
    internal NpgsqlBatch CreateBatch()
    {
        var batch = new NpgsqlBatch(Connection, Transaction);
        if (_scopePending)
        {
            AddScope(batch, Scope, Writes);
            _scopePending = false;
        }
        return batch;
    }

    /// <summary>
    /// The statements that make a transaction <paramref name="scope"/>'s (and read-only unless <paramref name="writes"/>),
    /// added to <paramref name="batch"/>. None returns rows, so a reader of the batch starts at the body's first result.
    /// </summary>
    private static void AddScope(NpgsqlBatch batch, RegionScope scope, bool writes)
    {
        if (!writes)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET TRANSACTION READ ONLY"));
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(scope.SetLocal));
    }

    /// <summary>
    /// Opens a connection, begins the transaction (read-only unless <paramref name="writes"/>) with
    /// <paramref name="scope"/> set, runs <paramref name="body"/> inside it, then rolls a reading back
    /// and commits a writing; a body that throws commits nothing. The scope takes a round trip of its own
    /// before the body (with Npgsql's <c>BEGIN</c>) unless <paramref name="scopeInFirstBatch"/>: then it goes
    /// at the head of the body's first batch, in that batch's round trip, and a command or context made
    /// before it throws.
    /// </summary>
    internal static async Task<T> RunAsync<T>(
        NpgsqlDataSource dataSource, RegionScope scope, bool writes, Func<Task<T>> body, CancellationToken cancellationToken, bool scopeInFirstBatch = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!scopeInFirstBatch)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            AddScope(batch, scope, writes);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        var outer = Ambient.Value;
        Ambient.Value = new ScopedReading(dataSource, connection, transaction, scope, writes, scopeInFirstBatch);
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
