using System.Data;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Runs one engine step as one database transaction: lock the instance row, step it with the
/// injected clock's reading, write the new state and all its effects, commit, then wake up jobs.
/// </summary>
/// <remarks>
/// Lock order is always the instance row first, then its timer or outbox rows, so two processes
/// working on one instance queue up instead of deadlocking. A refused step changes nothing but
/// the journal, which records the refusal and its reason.
/// </remarks>
public sealed class InstanceSteps(Store store, IClock clock, HolidayCalendar calendar, DefinitionStore definitions, IWakeUps wakeUps)
{
    public IClock Clock => clock;

    /// <summary>Opens a transaction and locks the instance; null when it does not exist or (with <paramref name="skipLocked"/>) another process holds it.</summary>
    internal static async Task<InstanceRow?> LockAsync(FocalizacionDb db, Guid instanceId, bool skipLocked, CancellationToken cancellationToken)
    {
        var sql = skipLocked
            ? "SELECT * FROM workflow_instances WHERE id = {0} FOR UPDATE SKIP LOCKED"
            : "SELECT * FROM workflow_instances WHERE id = {0} FOR UPDATE";
        return await db.Instances.FromSqlRaw(sql, instanceId).SingleOrDefaultAsync(cancellationToken);
    }

    internal static Task<IDbContextTransaction> BeginAsync(FocalizacionDb db, CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    /// <summary>
    /// Steps a locked instance inside the caller's transaction and returns the outcome; the
    /// caller commits and then calls <see cref="WakeUp"/> with the returned wake-ups.
    /// </summary>
    internal async Task<(StepOutcome Outcome, IReadOnlyList<Action<IWakeUps>> WakeUps)> StepLockedAsync(
        FocalizacionDb db, InstanceRow instance, WorkflowEvent @event, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var definition = await definitions.ParsedAsync(db, instance.DefinitionId, cancellationToken);
        var state = InstanceStateJson.Deserialize(instance.State);
        var step = WorkflowEngine.Step(definition, state, @event, new EngineContext(instance.Id, now, calendar));
        if (!step.Applied)
        {
            db.Journal.Add(new JournalRow
            {
                InstanceId = instance.Id,
                At = now,
                Actor = actor,
                Kind = "evento-rechazado",
                Event = @event.Description,
                Details = step.Refusal!,
            });
            await db.SaveChangesAsync(cancellationToken);
            return (new StepOutcome(instance.Id, false, step.Refusal), []);
        }
        var wakeUps = await StepWriter.WriteAsync(db, instance, state, step, @event, actor, now, cancellationToken);
        return (new StepOutcome(instance.Id, true, null), wakeUps);
    }

    /// <summary>Delivers an event to an instance in its own transaction, waiting for the instance lock if needed.</summary>
    public async Task<StepOutcome> DeliverAsync(Guid instanceId, WorkflowEvent @event, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        await using var transaction = await BeginAsync(db, cancellationToken);
        var instance = await LockAsync(db, instanceId, skipLocked: false, cancellationToken);
        if (instance is null)
        {
            return new StepOutcome(instanceId, false, $"no existe la instancia {instanceId}");
        }
        var (outcome, pending) = await StepLockedAsync(db, instance, @event, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        WakeUp(pending);
        return outcome;
    }

    internal void WakeUp(IReadOnlyList<Action<IWakeUps>> pending)
    {
        foreach (var wake in pending)
        {
            wake(wakeUps);
        }
    }
}
