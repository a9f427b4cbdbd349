using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Composition;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Runs one engine step as one database transaction: lock the instance row, step it with the
/// injected clock's reading, write the new state and all its effects, commit, then wake up jobs.
/// </summary>
/// <remarks>
/// Lock order is always the instance row first, then its timer or outbox rows, so two processes
/// working on one instance queue up instead of deadlocking. A refused step changes nothing but
/// the journal, which records the refusal and its reason. The hot path is raw Npgsql in two round
/// trips (<see cref="StepTransaction"/>): lock and read, then write and commit. An event for an
/// instance this process stepped recently takes one: its state comes from the
/// <see cref="InstanceCache"/>, and the lock with a check that the row is still that version goes
/// in the same batch as the writes; if it is not, the step runs again the two-trip way. Timers
/// and effects' outcomes take that path too, their row's guard beside the instance's
/// (<see cref="StepCachedAsync"/>).
/// </remarks>
public sealed class InstanceSteps(Store store, IClock clock, EngineModule module, DefinitionStore definitions, IWakeUps wakeUps, int cacheCapacity)
{
    private readonly InstanceCache _cache = new(cacheCapacity);
    private long _oneTripSteps;
    private long _versionConflicts;

    public IClock Clock => clock;

    /// <summary>How many instance states this process holds for one-trip steps.</summary>
    public int CachedInstances => _cache.Count;

    /// <summary>Events stepped from a cached state in one round trip, since this runtime was built.</summary>
    public long OneTripSteps => Interlocked.Read(ref _oneTripSteps);

    /// <summary>Cached states found out of date by the version guard (the event was then stepped under lock).</summary>
    public long VersionConflicts => Interlocked.Read(ref _versionConflicts);

    internal Task<StepTransaction> OpenAsync(CancellationToken cancellationToken) => StepTransaction.OpenAsync(store, cancellationToken);

    /// <summary>
    /// Steps a locked instance inside the caller's transaction, queueing its writes there; the
    /// caller then commits with <see cref="CommitAsync"/>.
    /// </summary>
    internal async Task<StepOutcome> StepLockedAsync(
        StepTransaction transaction, LockedInstance instance, WorkflowEvent @event, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var definition = await definitions.ParsedAsync(instance.DefinitionId, cancellationToken);
        var state = InstanceStateJson.Deserialize(instance.State);
        var step = WorkflowEngine.Step(definition, state, @event, new EngineContext(instance.Id, now, module.Calendars.For(state.Variables))
        {
            Reserved = module.ReservedVariables,
        });
        if (!step.Applied)
        {
            transaction.Journal(Refusal(instance.Id, @event, step.Refusal!, actor, now));
            return new StepOutcome(instance.Id, false, step.Refusal);
        }
        StepWriter.Write(transaction, instance, step, @event, actor, now);
        return new StepOutcome(instance.Id, true, null);
    }

    /// <summary>The journal line of an event the instance refused: nothing else of it is written.</summary>
    internal static JournalRow Refusal(Guid instanceId, WorkflowEvent @event, string reason, Actor actor, Instant now) => new()
    {
        InstanceId = instanceId,
        At = now,
        By = actor,
        Kind = JournalKind.EventRefused.Text(),
        Event = @event.Description,
        Details = reason,
    };

    /// <summary>Commits the step's transaction, keeps the state it left, then wakes up the jobs for what it created.</summary>
    internal async Task CommitAsync(StepTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        if (transaction.Stepped is { } stepped)
        {
            if (stepped.Status is nameof(InstanceStatus.Completed) or nameof(InstanceStatus.Cancelled))
            {
                _cache.Remove(stepped.Id);
            }
            else
            {
                _cache.Put(stepped);
            }
        }
        foreach (var wake in transaction.WakeUps)
        {
            wake(wakeUps);
        }
    }

    /// <summary>Delivers an event to an instance in its own transaction, waiting for the instance lock if needed.</summary>
    public Task<StepOutcome> DeliverAsync(Guid instanceId, WorkflowEvent @event, Actor actor, CancellationToken cancellationToken = default) =>
        DeliverAsync(instanceId, @event, actor, [], cancellationToken);

    /// <summary>As above, committing <paramref name="alongside"/> with the step if, and only if, the instance takes the event.</summary>
    public async Task<StepOutcome> DeliverAsync(
        Guid instanceId, WorkflowEvent @event, Actor actor, IReadOnlyList<StepSideWrite> alongside, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alongside);
        void WriteAlongside(StepTransaction transaction, StepOutcome stepped)
        {
            if (stepped.Applied)
            {
                foreach (var write in alongside)
                {
                    transaction.Write(write.Sql, [.. write.Parameters], null);
                }
            }
        }
        if (_cache.TryGet(instanceId, out var cached) && await StepCachedAsync(cached, @event, actor, null, WriteAlongside, cancellationToken) is { } outcome)
        {
            return outcome;
        }
        await using var transaction = await OpenAsync(cancellationToken);
        LockedInstance? instance = null;
        await transaction.BeginAsync(cancellationToken, LockedInstance.Lock(instanceId, skipLocked: false, found => instance = found));
        if (instance is null)
        {
            return new StepOutcome(instanceId, false, $"no existe la instancia {instanceId}");
        }
        var locked = await StepLockedAsync(transaction, instance, @event, actor, cancellationToken);
        WriteAlongside(transaction, locked);
        await CommitAsync(transaction, cancellationToken);
        return locked;
    }

    /// <summary>The state this process committed last for a running instance, if it holds it: what <see cref="StepCachedAsync"/> steps.</summary>
    internal LockedInstance? CachedRunning(Guid instanceId) =>
        _cache.TryGet(instanceId, out var cached) && cached.Status == nameof(InstanceStatus.Running) ? cached : null;

    /// <summary>
    /// Steps the cached state and commits in one round trip behind the version guard and, given
    /// <paramref name="pending"/>, the guard of the timer or outbox row (table and id) the event is about
    /// (<see cref="StepTransaction.GuardPending"/>); <paramref name="then"/> queues what the caller
    /// writes with the step's outcome. Null when a guard refused (the transaction is rolled back,
    /// and a version conflict drops the entry): the caller then does it again reading under lock.
    /// </summary>
    internal async Task<StepOutcome?> StepCachedAsync(
        LockedInstance cached, WorkflowEvent @event, Actor actor, (string Table, long RowId)? pending, Action<StepTransaction, StepOutcome>? then,
        CancellationToken cancellationToken)
    {
        await using var transaction = await OpenAsync(cancellationToken);
        transaction.GuardVersion(cached);
        if (pending is { } guard)
        {
            transaction.GuardPending(guard.Table, guard.RowId);
        }
        var outcome = await StepLockedAsync(transaction, cached, @event, actor, cancellationToken);
        then?.Invoke(transaction, outcome);
        try
        {
            await CommitAsync(transaction, cancellationToken);
            Interlocked.Increment(ref _oneTripSteps);
            return outcome;
        }
        catch (PostgresException conflict) when (StepTransaction.IsVersionConflict(conflict))
        {
            _cache.Remove(cached.Id);
            Interlocked.Increment(ref _versionConflicts);
            return null;
        }
        catch (PostgresException done) when (StepTransaction.IsNoLongerPending(done))
        {
            return null;
        }
    }
}
