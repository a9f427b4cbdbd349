using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// What an operator does about an incident: retry (a failing effect goes back to the outbox with
/// fresh attempts; a blocked token arrives at its node again) or skip (the token goes on without it).
/// Both are journaled with the operator's name.
/// </summary>
public sealed class IncidentResolution(Store store, InstanceSteps steps)
{
    public async Task<StepOutcome> RetryAsync(long incidentId, string actor, CancellationToken cancellationToken = default) =>
        await ResolveAsync(incidentId, retry: true, actor, cancellationToken);

    public async Task<StepOutcome> SkipAsync(long incidentId, string actor, CancellationToken cancellationToken = default) =>
        await ResolveAsync(incidentId, retry: false, actor, cancellationToken);

    public async Task<IReadOnlyList<IncidentRow>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await db.Incidents.AsNoTracking().Where(i => i.State == IncidentState.Open).OrderBy(i => i.Id).ToListAsync(cancellationToken);
    }

    private async Task<StepOutcome> ResolveAsync(long incidentId, bool retry, string actor, CancellationToken cancellationToken)
    {
        await using var db = store.Open();
        var instanceId = await db.Incidents.Where(i => i.Id == incidentId).Select(i => (Guid?)i.InstanceId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new RuntimeException($"no existe el incidente {incidentId}");
        await using var transaction = await InstanceSteps.BeginAsync(db, cancellationToken);
        var instance = await InstanceSteps.LockAsync(db, instanceId, skipLocked: false, cancellationToken);
        var incident = await db.Incidents.FromSqlRaw("SELECT * FROM incidents WHERE id = {0} FOR UPDATE", incidentId).SingleAsync(cancellationToken);
        if (incident.State != IncidentState.Open)
        {
            return new StepOutcome(instanceId, false, $"el incidente {incidentId} ya fue resuelto");
        }
        var now = steps.Clock.GetCurrentInstant();
        incident.State = retry ? IncidentState.Retried : IncidentState.Skipped;
        incident.ResolvedAt = now;
        incident.ResolvedBy = actor;
        IReadOnlyList<Action<IWakeUps>> wakeUps = [];
        StepOutcome outcome;
        if (incident.OutboxId is { } outboxId)
        {
            var entry = await db.Outbox.SingleAsync(o => o.Id == outboxId, cancellationToken);
            if (retry)
            {
                entry.State = OutboxState.Pending;
                entry.Attempts = 0;
                entry.NextAttemptAt = now;
                db.Journal.Add(new JournalRow { InstanceId = instanceId, At = now, Actor = actor, Kind = "incidente-reintentado", Activity = entry.NodeId, Details = $"«{entry.Handler}» vuelve a la bandeja de salida" });
                await db.SaveChangesAsync(cancellationToken);
                wakeUps = [w => w.EffectQueued(outboxId)];
                outcome = new StepOutcome(instanceId, true, null);
            }
            else
            {
                entry.State = OutboxState.Skipped;
                await db.SaveChangesAsync(cancellationToken);
                (outcome, wakeUps) = await steps.StepLockedAsync(db, instance!, new IncidentSkipped(incident.TokenId), actor, cancellationToken);
            }
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            WorkflowEvent @event = retry ? new IncidentRetried(incident.TokenId) : new IncidentSkipped(incident.TokenId);
            (outcome, wakeUps) = await steps.StepLockedAsync(db, instance!, @event, actor, cancellationToken);
        }
        if (!outcome.Applied)
        {
            return outcome; // rolled back: the incident stays open
        }
        await transaction.CommitAsync(cancellationToken);
        steps.WakeUp(wakeUps);
        return outcome;
    }
}
