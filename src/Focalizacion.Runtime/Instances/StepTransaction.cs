using Focalizacion.Runtime.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace Focalizacion.Runtime.Instances;

/// <summary>A statement of a step's first round trip, with what to do with each row it returns.</summary>
internal sealed record StepRead(string Sql, object[] Parameters, Action<NpgsqlDataReader> OnRow);

/// <summary>
/// One step's transaction on a raw Npgsql connection, in two round trips: <see cref="BeginAsync"/>
/// sends BEGIN with the reads that lock, <see cref="CommitAsync"/> sends every queued write, the
/// journal lines and COMMIT as one batch.
/// </summary>
/// <remarks>
/// Writes are queued, not sent, so nothing a step decides reaches PostgreSQL unless all of it
/// commits; a transaction disposed without committing is rolled back. Ids that writes return
/// (new timer and outbox rows) are read back during the commit, and the wake-ups built from them
/// are only handed out once it succeeded.
/// </remarks>
internal sealed class StepTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly List<(NpgsqlBatchCommand Command, Action<NpgsqlDataReader>? OnRow)> _writes = [];
    private readonly List<JournalRow> _journal = [];
    private readonly List<Action<IWakeUps>> _wakeUps = [];
    private LockedInstance? _stepped;
    private bool _begun;
    private bool _committed;

    private StepTransaction(NpgsqlConnection connection) => _connection = connection;

    public static async Task<StepTransaction> OpenAsync(Store store, CancellationToken cancellationToken) =>
        new(await store.DataSource.OpenConnectionAsync(cancellationToken));

    /// <summary>What to wake once the commit succeeded.</summary>
    public IReadOnlyList<Action<IWakeUps>> WakeUps => _committed ? _wakeUps : [];

    /// <summary>The instance row as this transaction's step left it, once the commit succeeded.</summary>
    public LockedInstance? Stepped => _committed ? _stepped : null;

    /// <summary>Sends BEGIN and <paramref name="reads"/> in one round trip; each read runs after the previous one, with its own snapshot.</summary>
    public async Task BeginAsync(CancellationToken cancellationToken, params StepRead[] reads)
    {
        if (_begun)
        {
            throw new InvalidOperationException("The step transaction has already begun.");
        }
        await using var batch = new NpgsqlBatch(_connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        foreach (var read in reads)
        {
            batch.BatchCommands.Add(Command(read.Sql, read.Parameters));
        }
        _begun = true;
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await ReadAllAsync(reader, reads.Select(r => r.OnRow), cancellationToken);
    }

    /// <summary>Queues a write for the commit; <paramref name="onRow"/> reads what a RETURNING clause gives back.</summary>
    public void Write(string sql, object?[] parameters, Action<NpgsqlDataReader>? onRow = null) =>
        _writes.Add((Command(sql, parameters), onRow));

    public void Write(string sql, params object?[] parameters) => Write(sql, parameters, null);

    /// <summary>
    /// Queues, ahead of every write, the version guard for a step computed from a cached state:
    /// it takes the instance's lock and makes the commit fail with <see cref="IsVersionConflict"/>
    /// if the row is no longer the version the state came from.
    /// </summary>
    public void GuardVersion(LockedInstance instance)
    {
        if (_begun || _writes.Count > 0)
        {
            throw new InvalidOperationException("The version guard goes before anything else in the transaction.");
        }
        // Its one empty row is read (and ignored) so the RETURNING rows after it stay in step.
        Write("SELECT instance_version_guard($1, $2)", [instance.Id, new NpgsqlParameter { Value = instance.Version, NpgsqlDbType = NpgsqlDbType.Xid }], _ => { });
    }

    /// <summary>
    /// Queues, right after <see cref="GuardVersion"/>, the guard on the timer or outbox row the step
    /// is about (<paramref name="table"/>: <c>timers</c> or <c>outbox</c>; <c>pending_guard</c>,
    /// migration 0014): it locks the row after the instance, as a step read under lock does, and
    /// makes the commit fail with <see cref="IsNoLongerPending"/> if the row is no longer pending.
    /// </summary>
    public void GuardPending(string table, long rowId)
    {
        if (_writes.Count != 1)
        {
            throw new InvalidOperationException("The pending guard goes right after the version guard.");
        }
        Write("SELECT pending_guard($1::regclass, $2)", [table, rowId], _ => { });
    }

    /// <summary>Whether a commit failed because <see cref="GuardPending"/> found its row done.</summary>
    public static bool IsNoLongerPending(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.NoDataFound };

    /// <summary>
    /// Whether a commit failed because <see cref="GuardVersion"/> found a newer version (steps run
    /// in READ COMMITTED, where nothing else raises serialization_failure).
    /// </summary>
    public static bool IsVersionConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure };

    /// <summary>Records the instance row a queued write will leave, for <see cref="Stepped"/>.</summary>
    public void Stepping(LockedInstance instance) => _stepped = instance;

    /// <summary>Queues a journal line; all of a transaction's lines go in one statement, in order.</summary>
    public void Journal(JournalRow line) => _journal.Add(line);

    /// <summary>Queues a wake-up for after the commit.</summary>
    public void WakeUp(Action<IWakeUps> wake) => _wakeUps.Add(wake);

    /// <summary>Sends the queued writes, the journal lines and COMMIT in one round trip.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(_connection);
        if (!_begun)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            _begun = true;
        }
        foreach (var (command, _) in _writes)
        {
            batch.BatchCommands.Add(command);
        }
        if (_journal.Count > 0)
        {
            batch.BatchCommands.Add(JournalInsert());
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await ReadAllAsync(reader, _writes.Where(w => w.OnRow is not null).Select(w => w.OnRow!), cancellationToken);
        }
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_begun && !_committed && _connection.State == System.Data.ConnectionState.Open)
        {
            try
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", _connection);
                await rollback.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // A broken connection is discarded by the pool, and its transaction with it.
            }
        }
        await _connection.DisposeAsync();
    }

    /// <summary>A jsonb parameter from JSON text.</summary>
    public static NpgsqlParameter Jsonb(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private NpgsqlBatchCommand JournalInsert() => Command(
        """
        INSERT INTO journal (instance_id, at, actor, via, kind, activity, event, details, actor_role, actor_region, client_address)
        SELECT instance_id, at, actor, via, kind, activity, event, details, actor_role, actor_region, client_address
        FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
            WITH ORDINALITY AS line (instance_id, at, actor, via, kind, activity, event, details, actor_role, actor_region, client_address, n)
        ORDER BY n
        """,
        [
            _journal.Select(j => j.InstanceId).ToArray(),
            _journal.Select(j => j.At).ToArray(),
            _journal.Select(j => j.Actor).ToArray(),
            _journal.Select(j => j.Via).ToArray(),
            _journal.Select(j => j.Kind).ToArray(),
            _journal.Select(j => j.Activity).ToArray(),
            _journal.Select(j => j.Event).ToArray(),
            _journal.Select(j => j.Details).ToArray(),
            _journal.Select(j => j.ActorRole).ToArray(),
            _journal.Select(j => j.ActorRegion).ToArray(),
            _journal.Select(j => j.ClientAddress).ToArray(),
        ]);

    private static NpgsqlBatchCommand Command(string sql, object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }

    /// <summary>Reads the result sets in order, one per statement that returns rows.</summary>
    private static async Task ReadAllAsync(NpgsqlDataReader reader, IEnumerable<Action<NpgsqlDataReader>> readers, CancellationToken cancellationToken)
    {
        foreach (var onRow in readers)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                onRow(reader);
            }
            await reader.NextResultAsync(cancellationToken);
        }
    }
}
