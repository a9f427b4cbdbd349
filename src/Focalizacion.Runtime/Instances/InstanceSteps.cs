using Focalizacion.Calendar.Holidays;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Runs one engine step as one database transaction: lock the instance row, step it with the
/// injected clock's reading, write the new state and all its effects, commit, then wake up jobs.
/// </summary>
/// <remarks>
/// Lock order is always the instance row first, then its timer or outbox rows, so two processes
/// working on one instance queue up instead of deadlocking. A refused step changes nothing but
/// the journal, which records the refusal and its reason. The hot path is raw Npgsql in two round
/// trips (<see cref="StepTransaction"/>): lock and read, then write and commit.
/// </remarks>
public sealed class InstanceSteps(Store store, IClock clock, HolidayCalendar calendar, DefinitionStore definitions, IWakeUps wakeUps)
{
    public IClock Clock => clock;

    internal Task<StepTransaction> OpenAsync(CancellationToken cancellationToken) => StepTransaction.OpenAsync(store, cancellationToken);

    /// <summary>
    /// Steps a locked instance inside the caller's transaction, queueing its writes there; the
    /// caller then commits with <see cref="CommitAsync"/>.
    /// </summary>
    internal async Task<StepOutcome> StepLockedAsync(
        StepTransaction transaction, LockedInstance instance, WorkflowEvent @event, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var definition = await definitions.ParsedAsync(instance.DefinitionId, cancellationToken);
        var state = InstanceStateJson.Deserialize(instance.State);
        var step = WorkflowEngine.Step(definition, state, @event, new EngineContext(instance.Id, now, calendar));
        if (!step.Applied)
        {
            transaction.Journal(new JournalRow
            {
                InstanceId = instance.Id,
                At = now,
                Actor = actor,
                Kind = "evento-rechazado",
                Event = @event.Description,
                Details = step.Refusal!,
            });
            return new StepOutcome(instance.Id, false, step.Refusal);
        }
        StepWriter.Write(transaction, instance.Id, step, @event, actor, now);
        return new StepOutcome(instance.Id, true, null);
    }

    /// <summary>Commits the step's transaction, then wakes up the jobs for what it created.</summary>
    internal async Task CommitAsync(StepTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        foreach (var wake in transaction.WakeUps)
        {
            wake(wakeUps);
        }
    }

    /// <summary>Delivers an event to an instance in its own transaction, waiting for the instance lock if needed.</summary>
    public async Task<StepOutcome> DeliverAsync(Guid instanceId, WorkflowEvent @event, string actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OpenAsync(cancellationToken);
        LockedInstance? instance = null;
        await transaction.BeginAsync(cancellationToken, LockedInstance.Lock(instanceId, skipLocked: false, found => instance = found));
        if (instance is null)
        {
            return new StepOutcome(instanceId, false, $"no existe la instancia {instanceId}");
        }
        var outcome = await StepLockedAsync(transaction, instance, @event, actor, cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return outcome;
    }
}
