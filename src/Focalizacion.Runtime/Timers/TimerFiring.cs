using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Runtime.Timers;

/// <summary>
/// Fires timer rows: never early, never twice, never lost.
/// </summary>
/// <remarks>
/// Firing is one transaction: lock the instance, lock the timer row, check it is still pending and
/// due by the injected clock, step the instance, mark the row fired with its lateness, commit. A
/// second process (or a duplicate Hangfire job) finds the row fired and does nothing. A timer due
/// while the service was down is found by <see cref="FireDueAsync"/> at start-up and fires late,
/// once, with its lateness in the row and the journal. A sweep fires a timer of a running instance
/// this process stepped last in one round trip (the instance's state from its cache, behind the
/// version guard and the timer row's pending guard); any other, or one whose guard refuses, in two.
/// </remarks>
public sealed class TimerFiring(Store store, InstanceSteps steps)
{
    /// <summary>How many due timers a sweep reads at a time.</summary>
    public const int BatchSize = 500;

    /// <summary>Pending timers of running instances (a suspended instance's timers wait for it to resume), as <c>t</c>.</summary>
    private const string Pending =
        $"t.state = '{nameof(TimerState.Pending)}' AND EXISTS (SELECT FROM workflow_instances i WHERE i.id = t.instance_id AND i.status = '{nameof(InstanceStatus.Running)}')";

    internal Store Store => store;

    public async Task<FireOutcome> FireAsync(long timerRowId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await steps.OpenAsync(cancellationToken);
        LockedInstance? instance = null;
        (string TimerId, string State, Instant DueAt)? timer = null;
        bool exists = false;
        // One round trip: lock the timer's instance, then the timer row (another process holding
        // either means "try later"), each read with a snapshot taken after the locks before it, so
        // it sees whatever the previous holder committed; and whether the row exists at all.
        await transaction.BeginAsync(
            cancellationToken,
            LockedInstance.Lock("id = (SELECT instance_id FROM timers WHERE id = $1)", timerRowId, skipLocked: true, found => instance = found),
            new StepRead("SELECT timer_id, state, due_at FROM timers WHERE id = $1 FOR UPDATE SKIP LOCKED", [timerRowId],
                row => timer = (row.GetString(0), row.GetString(1), row.GetFieldValue<Instant>(2))),
            new StepRead("SELECT EXISTS (SELECT FROM timers WHERE id = $1)", [timerRowId], row => exists = row.GetBoolean(0)));
        if (instance is null || timer is null)
        {
            return exists ? FireOutcome.Busy : FireOutcome.AlreadyDone;
        }
        if (instance.Status == nameof(InstanceStatus.Suspended))
        {
            return FireOutcome.Refused; // fires after resuming; not journaled at every sweep
        }
        var now = steps.Clock.GetCurrentInstant();
        if (timer.Value.State != nameof(TimerState.Pending))
        {
            return FireOutcome.AlreadyDone;
        }
        if (timer.Value.DueAt > now)
        {
            return FireOutcome.NotDue;
        }
        var outcome = await steps.StepLockedAsync(transaction, instance, new TimerFired(timer.Value.TimerId), Actor.Timer, cancellationToken);
        if (outcome.Applied)
        {
            MarkFired(transaction, timerRowId, now, timer.Value.DueAt);
        }
        await steps.CommitAsync(transaction, cancellationToken); // a refusal keeps only its journal line
        return outcome.Applied ? FireOutcome.Fired : FireOutcome.Refused;
    }

    /// <summary>
    /// A timer a sweep found due: in one round trip when this process holds its running instance's
    /// state (the due instant of a row never changes, so it is checked here; the guards check the
    /// rest under lock), otherwise, or when a guard refuses, as <see cref="FireAsync(long, CancellationToken)"/>.
    /// </summary>
    private async Task<FireOutcome> FireAsync(DueTimer due, CancellationToken cancellationToken)
    {
        var now = steps.Clock.GetCurrentInstant();
        if (due.DueAt <= now && steps.CachedRunning(due.InstanceId) is { } cached
            && await steps.StepCachedAsync(cached, new TimerFired(due.TimerId), Actor.Timer, ("timers", due.Id),
                (transaction, stepped) =>
                {
                    if (stepped.Applied)
                    {
                        MarkFired(transaction, due.Id, now, due.DueAt);
                    }
                },
                cancellationToken) is { } outcome)
        {
            return outcome.Applied ? FireOutcome.Fired : FireOutcome.Refused;
        }
        return await FireAsync(due.Id, cancellationToken);
    }

    private static void MarkFired(StepTransaction transaction, long timerRowId, Instant now, Instant dueAt) =>
        transaction.Write($"UPDATE timers SET state = '{nameof(TimerState.Fired)}', fired_at = $2, lateness = $3 WHERE id = $1", timerRowId, now, now - dueAt);

    /// <summary>
    /// Fires every pending timer due by the clock; returns how many fired. A batch is fired in a
    /// shuffled order (several sweepers share the work better that way), or with
    /// <paramref name="inDueOrder"/> earliest first, then in creation order: what a lone sweeper in
    /// virtual time does, so that a simulation numbers the oficios of timers due at the same instant
    /// (the regions of one time zone) the same way every time.
    /// </summary>
    public Task<int> FireDueAsync(int batchSize = BatchSize, bool inDueOrder = false, CancellationToken cancellationToken = default) =>
        FireBatchesAsync(null, batchSize, inDueOrder, cancellationToken);

    /// <summary>As <see cref="FireDueAsync"/>, its first batch given when already read (<see cref="DueCommand"/>).</summary>
    internal async Task<int> FireBatchesAsync(IReadOnlyList<DueTimer>? firstBatch, int batchSize, bool inDueOrder, CancellationToken cancellationToken)
    {
        int fired = 0;
        var due = firstBatch;
        while (true)
        {
            if (due is null)
            {
                await using var batch = store.CreateBatch();
                batch.BatchCommands.Add(DueCommand(steps.Clock.GetCurrentInstant(), batchSize));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                due = await ReadDueAsync(reader, cancellationToken);
            }
            // Several sweepers (processes, or jobs) share the work better in different orders; all of these are due.
            var order = due.ToArray();
            if (!inDueOrder)
            {
                Random.Shared.Shuffle(order);
            }
            int firedThisRound = 0;
            foreach (var timer in order)
            {
                if (await FireAsync(timer, cancellationToken) == FireOutcome.Fired)
                {
                    firedThisRound++;
                }
            }
            fired += firedThisRound;
            if (due.Count < batchSize || firedThisRound == 0)
            {
                return fired;
            }
            due = null;
        }
    }

    /// <summary>The earliest pending due instant, for a virtual clock to jump to.</summary>
    public async Task<Instant?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var batch = store.CreateBatch();
        batch.BatchCommands.Add(NextDueCommand());
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadNextDueAsync(reader, cancellationToken);
    }

    /// <summary>The pending timers due by <paramref name="now"/>, earliest first, then in creation order; at most <paramref name="limit"/> (<see cref="ReadDueAsync"/> reads them).</summary>
    internal static NpgsqlBatchCommand DueCommand(Instant now, int limit) => new(
        $"SELECT t.id, t.instance_id, t.timer_id, t.due_at FROM timers t WHERE {Pending} AND t.due_at <= $1 ORDER BY t.due_at, t.id LIMIT $2")
    {
        Parameters = { new() { Value = now }, new() { Value = limit } },
    };

    internal static async Task<List<DueTimer>> ReadDueAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var due = new List<DueTimer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueTimer(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<Instant>(3)));
        }
        return due;
    }

    /// <summary>The earliest pending due instant (<see cref="ReadNextDueAsync"/> reads it).</summary>
    internal static NpgsqlBatchCommand NextDueCommand() => new($"SELECT t.due_at FROM timers t WHERE {Pending} ORDER BY t.due_at LIMIT 1");

    internal static async Task<Instant?> ReadNextDueAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<Instant>(0) : null;
}
