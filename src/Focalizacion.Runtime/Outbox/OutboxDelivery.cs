using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Focalizacion.Runtime.Outbox;

/// <summary>
/// Delivers outbox entries to their handlers: claim, run the handler outside any transaction,
/// then record the result and step the instance in one transaction.
/// </summary>
/// <remarks>
/// The claim is an atomic update that pushes the entry's next attempt a lease ahead, so two
/// workers never run one entry at the same time. A crash after the handler but before the commit
/// leaves the entry pending: it runs again with the same idempotency key, which is how handlers
/// make their effect happen once. Failures back off exponentially; after
/// <see cref="RuntimeOptions.MaxAttempts"/> the entry becomes an incident and waits for an operator.
/// </remarks>
public sealed class OutboxDelivery(Store store, InstanceSteps steps, HandlerRegistry handlers, RuntimeOptions options)
{
    public const string Actor = "bandeja-de-salida";

    /// <summary>Delivers one entry if it is pending and due; returns whether its handler succeeded.</summary>
    public async Task<bool> DeliverAsync(long outboxId, CancellationToken cancellationToken = default)
    {
        var now = steps.Clock.GetCurrentInstant();
        OutboxRow? entry;
        await using (var db = store.Open())
        {
            var leaseEnd = now + options.DeliveryLease;
            var claimed = await db.Outbox.Where(o => o.Id == outboxId && o.State == OutboxState.Pending && o.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, leaseEnd).SetProperty(o => o.Attempts, o => o.Attempts + 1), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }
            entry = await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == outboxId, cancellationToken);
        }

        var payload = JsonNode.Parse(entry.Payload)!.AsObject();
        var request = new EffectRequest(
            entry.IdempotencyKey, entry.InstanceId, entry.NodeId,
            payload["settings"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!),
            payload["variables"]!.AsObject(), entry.Attempts);
        JsonObject? outputs;
        try
        {
            var handler = handlers.Find(entry.Handler) ?? throw new InvalidOperationException($"no existe el manejador «{entry.Handler}»");
            outputs = await handler.HandleAsync(request, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await RecordFailureAsync(entry, failure.Message, cancellationToken);
            return false;
        }
        await RecordSuccessAsync(entry, outputs, cancellationToken);
        return true;
    }

    /// <summary>Delivers every pending entry due by the clock; returns how many succeeded.</summary>
    public async Task<int> DeliverDueAsync(int batchSize = 500, CancellationToken cancellationToken = default)
    {
        var now = steps.Clock.GetCurrentInstant();
        List<long> due;
        await using (var db = store.Open())
        {
            due = await db.Outbox.Where(o => o.State == OutboxState.Pending && o.NextAttemptAt <= now)
                .OrderBy(o => o.Id).Select(o => o.Id).Take(batchSize).ToListAsync(cancellationToken);
        }
        int delivered = 0;
        foreach (var id in due)
        {
            delivered += await DeliverAsync(id, cancellationToken) ? 1 : 0;
        }
        return delivered;
    }

    /// <summary>The earliest instant a pending entry may be tried, for a virtual clock.</summary>
    public async Task<Instant?> NextAttemptAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        return await db.Outbox.Where(o => o.State == OutboxState.Pending).OrderBy(o => o.NextAttemptAt)
            .Select(o => (Instant?)o.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task RecordSuccessAsync(OutboxRow entry, JsonObject? outputs, CancellationToken cancellationToken)
    {
        await using var db = store.Open();
        await using var transaction = await InstanceSteps.BeginAsync(db, cancellationToken);
        var instance = await InstanceSteps.LockAsync(db, entry.InstanceId, skipLocked: false, cancellationToken);
        var row = await db.Outbox.FromSqlRaw("SELECT * FROM outbox WHERE id = {0} FOR UPDATE", entry.Id).SingleAsync(cancellationToken);
        if (row.State != OutboxState.Pending)
        {
            return; // withdrawn or resolved meanwhile: the effect happened, but nobody waits for it any more
        }
        row.State = OutboxState.Delivered;
        row.DeliveredAt = steps.Clock.GetCurrentInstant();
        await db.SaveChangesAsync(cancellationToken);
        var (_, wakeUps) = await steps.StepLockedAsync(db, instance!, new EffectCompleted(entry.IdempotencyKey, outputs), Actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        steps.WakeUp(wakeUps);
    }

    private async Task RecordFailureAsync(OutboxRow entry, string error, CancellationToken cancellationToken)
    {
        await using var db = store.Open();
        await using var transaction = await InstanceSteps.BeginAsync(db, cancellationToken);
        var instance = await InstanceSteps.LockAsync(db, entry.InstanceId, skipLocked: false, cancellationToken);
        var row = await db.Outbox.FromSqlRaw("SELECT * FROM outbox WHERE id = {0} FOR UPDATE", entry.Id).SingleAsync(cancellationToken);
        if (row.State != OutboxState.Pending)
        {
            return;
        }
        var now = steps.Clock.GetCurrentInstant();
        row.LastError = error;
        string details;
        if (row.Attempts >= options.MaxAttempts)
        {
            row.State = OutboxState.Incident;
            var state = InstanceStateJson.Deserialize(instance!.State);
            var token = state.Tokens.FirstOrDefault(t => t.Key == entry.IdempotencyKey);
            db.Incidents.Add(new IncidentRow
            {
                InstanceId = entry.InstanceId,
                TokenId = token?.Id ?? "",
                NodeId = entry.NodeId,
                OutboxId = entry.Id,
                Reason = $"el manejador «{entry.Handler}» falló {row.Attempts} veces: {error}",
                State = IncidentState.Open,
                CreatedAt = now,
            });
            details = $"«{entry.Handler}» falló {row.Attempts} veces; queda como incidente: {error}";
        }
        else
        {
            row.NextAttemptAt = now + options.RetryDelay(row.Attempts);
            details = $"«{entry.Handler}» falló (intento {row.Attempts} de {options.MaxAttempts}); nuevo intento desde {row.NextAttemptAt}: {error}";
        }
        db.Journal.Add(new JournalRow
        {
            InstanceId = entry.InstanceId,
            At = now,
            Actor = Actor,
            Kind = row.State == OutboxState.Incident ? "incidente" : "efecto-fallido",
            Activity = entry.NodeId,
            Details = details,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
