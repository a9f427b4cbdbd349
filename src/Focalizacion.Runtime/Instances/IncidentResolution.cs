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
    public async Task<StepOutcome> RetryAsync(long incidentId, Actor actor, CancellationToken cancellationToken = default) =>
        await ResolveAsync(incidentId, retry: true, actor, cancellationToken);

    public async Task<StepOutcome> SkipAsync(long incidentId, Actor actor, CancellationToken cancellationToken = default) =>
        await ResolveAsync(incidentId, retry: false, actor, cancellationToken);

    public async Task<IReadOnlyList<IncidentRow>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await db.Incidents.AsNoTracking().Where(i => i.State == IncidentState.Open).OrderBy(i => i.Id).ToListAsync(cancellationToken);
    }

    private async Task<StepOutcome> ResolveAsync(long incidentId, bool retry, Actor actor, CancellationToken cancellationToken)
    {
        Guid instanceId;
        await using (var db = store.Open())
        {
            instanceId = await db.Incidents.Where(i => i.Id == incidentId).Select(i => (Guid?)i.InstanceId).SingleOrDefaultAsync(cancellationToken)
                ?? throw new RuntimeException($"no existe el incidente {incidentId}");
        }
        await using var transaction = await steps.OpenAsync(cancellationToken);
        LockedInstance? instance = null;
        Locked? incident = null;
        await transaction.BeginAsync(
            cancellationToken,
            LockedInstance.Lock(instanceId, skipLocked: false, found => instance = found),
            new StepRead(
                """
                SELECT i.state, i.token_id, i.outbox_id, o.node_id, o.handler
                FROM incidents i LEFT JOIN outbox o ON o.id = i.outbox_id WHERE i.id = $1 FOR UPDATE OF i
                """,
                [incidentId],
                r => incident = new Locked(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4))));
        if (incident is not { State: nameof(IncidentState.Open) })
        {
            return new StepOutcome(instanceId, false, $"el incidente {incidentId} ya fue resuelto");
        }
        var now = steps.Clock.GetCurrentInstant();
        transaction.Write(
            "UPDATE incidents SET state = $2, resolved_at = $3, resolved_by = $4 WHERE id = $1",
            incidentId, (retry ? IncidentState.Retried : IncidentState.Skipped).ToString(), now, actor.ToString());
        StepOutcome outcome;
        if (incident.OutboxId is { } outboxId && retry)
        {
            transaction.Write($"UPDATE outbox SET state = '{nameof(OutboxState.Pending)}', attempts = 0, next_attempt_at = $2 WHERE id = $1", outboxId, now);
            transaction.Journal(new JournalRow
            {
                InstanceId = instanceId,
                At = now,
                By = actor,
                Kind = JournalKind.IncidentRetried.Text(),
                Activity = incident.NodeId,
                Details = $"«{incident.Handler}» vuelve a la bandeja de salida",
            });
            transaction.WakeUp(w => w.EffectQueued(outboxId));
            outcome = new StepOutcome(instanceId, true, null);
        }
        else
        {
            if (incident.OutboxId is { } skipped)
            {
                transaction.Write($"UPDATE outbox SET state = '{nameof(OutboxState.Skipped)}' WHERE id = $1", skipped);
            }
            WorkflowEvent @event = retry ? new IncidentRetried(incident.TokenId) : new IncidentSkipped(incident.TokenId);
            outcome = await steps.StepLockedAsync(transaction, instance!, @event, actor, cancellationToken);
        }
        if (!outcome.Applied)
        {
            return outcome; // rolled back: the incident stays open
        }
        await steps.CommitAsync(transaction, cancellationToken);
        return outcome;
    }

    /// <summary>An incident as read under its lock, with the outbox entry it blocks, if any.</summary>
    private sealed record Locked(string State, string TokenId, long? OutboxId, string? NodeId, string? Handler);
}
