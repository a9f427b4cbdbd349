using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

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
    public const string Actor = "temporizador";

    public async Task<FireOutcome> FireAsync(long timerRowId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        await using var transaction = await InstanceSteps.BeginAsync(db, cancellationToken);
        // Find and lock the timer's instance in one round trip; another process holding it means "try later".
        var instance = await db.Instances.FromSqlRaw(
            "SELECT * FROM workflow_instances WHERE id = (SELECT instance_id FROM timers WHERE id = {0}) FOR UPDATE SKIP LOCKED", timerRowId)
            .SingleOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return await db.Timers.AnyAsync(t => t.Id == timerRowId, cancellationToken) ? FireOutcome.Busy : FireOutcome.AlreadyDone;
        }
        if (instance.Status == nameof(InstanceStatus.Suspended))
        {
            return FireOutcome.Refused; // fires after resuming; not journaled at every sweep
        }
        var timer = await db.Timers.FromSqlRaw("SELECT * FROM timers WHERE id = {0} FOR UPDATE", timerRowId).SingleAsync(cancellationToken);
        var now = steps.Clock.GetCurrentInstant();
        if (timer.State != TimerState.Pending)
        {
            return FireOutcome.AlreadyDone;
        }
        if (timer.DueAt > now)
        {
            return FireOutcome.NotDue;
        }
        var (outcome, wakeUps) = await steps.StepLockedAsync(db, instance, new TimerFired(timer.TimerId), Actor, cancellationToken);
        if (!outcome.Applied)
        {
            await transaction.CommitAsync(cancellationToken); // keeps the journal line of the refusal
            return FireOutcome.Refused;
        }
        timer.State = TimerState.Fired;
        timer.FiredAt = now;
        timer.Lateness = now - timer.DueAt;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        steps.WakeUp(wakeUps);
        return FireOutcome.Fired;
    }

    /// <summary>Fires every pending timer due by the clock, earliest first; returns how many fired.</summary>
    public async Task<int> FireDueAsync(int batchSize = 500, CancellationToken cancellationToken = default)
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
            Random.Shared.Shuffle(order);
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
    public async Task<NodaTime.Instant?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await Pending(db).OrderBy(t => t.DueAt).Select(t => (NodaTime.Instant?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
    }
}
