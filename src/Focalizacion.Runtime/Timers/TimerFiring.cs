using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Focalizacion.Runtime.Timers;

/// <summary>
/// Fires timer rows: never early, never twice, never lost.
/// </summary>
/// <remarks>
/// Firing is one transaction: lock the instance, lock the timer row, check it is still pending and
/// due by the injected clock, step the instance, mark the row fired with its lateness, commit. A
/// second process (or a duplicate Hangfire job) finds the row fired and does nothing. A timer due
/// while the service was down is found by <see cref="FireDueAsync"/> at start-up and fires late,
/// once, with its lateness in the row and the journal.
/// </remarks>
public sealed class TimerFiring(Store store, InstanceSteps steps)
{
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
            transaction.Write(
                $"UPDATE timers SET state = '{nameof(TimerState.Fired)}', fired_at = $2, lateness = $3 WHERE id = $1", timerRowId, now, now - timer.Value.DueAt);
        }
        await steps.CommitAsync(transaction, cancellationToken); // a refusal keeps only its journal line
        return outcome.Applied ? FireOutcome.Fired : FireOutcome.Refused;
    }

    /// <summary>
    /// Fires every pending timer due by the clock; returns how many fired. A batch is fired in a
    /// shuffled order (several sweepers share the work better that way), or with
    /// <paramref name="inDueOrder"/> earliest first, then in creation order: what a lone sweeper in
    /// virtual time does, so that a simulation numbers the oficios of timers due at the same instant
    /// (the regions of one time zone) the same way every time.
    /// </summary>
    public async Task<int> FireDueAsync(int batchSize = 500, bool inDueOrder = false, CancellationToken cancellationToken = default)
    {
        int fired = 0;
        while (true)
        {
            var now = steps.Clock.GetCurrentInstant();
            List<long> due;
            await using (var db = store.Open())
            {
                due = await Pending(db).Where(t => t.DueAt <= now)
                    .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Select(t => t.Id).Take(batchSize).ToListAsync(cancellationToken);
            }
            // Several sweepers (processes, or jobs) share the work better in different orders; all of these are due.
            var order = due.ToArray();
            if (!inDueOrder)
            {
                Random.Shared.Shuffle(order);
            }
            int firedThisRound = 0;
            foreach (var id in order)
            {
                if (await FireAsync(id, cancellationToken) == FireOutcome.Fired)
                {
                    firedThisRound++;
                }
            }
            fired += firedThisRound;
            if (due.Count < batchSize || firedThisRound == 0)
            {
                return fired;
            }
        }
    }

    /// <summary>Pending timers of running instances (a suspended instance's timers wait for it to resume).</summary>
    private static IQueryable<TimerRow> Pending(FocalizacionDb db) =>
        db.Timers.Where(t => t.State == TimerState.Pending
            && db.Instances.Any(i => i.Id == t.InstanceId && i.Status == nameof(InstanceStatus.Running)));

    /// <summary>The earliest pending due instant, for a virtual clock to jump to.</summary>
    public async Task<Instant?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await Pending(db).OrderBy(t => t.DueAt).Select(t => (Instant?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
    }
}
