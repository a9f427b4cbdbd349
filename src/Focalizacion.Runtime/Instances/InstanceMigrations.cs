using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Composition;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Explicit migration of running instances to a newer version of their process
/// (<see cref="InstanceMigration"/>): a dry run that only says what would happen, or a move that
/// re-pins the instance, re-evaluates its timers and journals it, in one transaction per instance.
/// </summary>
/// <remarks>
/// Instances stay pinned to their version unless an administrator moves them here; publishing never
/// does. A migration locks the instance row as a step does, so it queues behind a timer firing or a
/// message for the same instance and sees the state they left. A refused migration changes nothing
/// but the journal, which records the refusal and its reason.
/// </remarks>
public sealed class InstanceMigrations(Store store, InstanceSteps steps, DefinitionStore definitions, EngineModule module)
{
    private static readonly string[] Running = [nameof(InstanceStatus.Running), nameof(InstanceStatus.Suspended)];

    /// <summary>
    /// Why instances of <paramref name="source"/> cannot go to <paramref name="target"/> at all: another
    /// process, not published, or not newer. Null when they can.
    /// </summary>
    public static string? TargetProblem(DefinitionRow source, DefinitionRow target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (target.ProcessKey != source.ProcessKey)
        {
            return $"destino: la definición {target.Id} es de otro proceso («{target.ProcessKey}», no «{source.ProcessKey}»)";
        }
        if (target.Status != DefinitionStatus.Published)
        {
            return $"destino: la definición {target.Id} no está publicada";
        }
        return target.Version <= (source.Version ?? 0)
            ? $"destino: la versión {target.Version} no es más nueva que la versión {source.Version}"
            : null;
    }

    /// <summary>The instances still running (or suspended) on one definition, oldest first, with where each waits.</summary>
    public async Task<IReadOnlyList<RunningInstance>> RunningOnAsync(long definitionId, CancellationToken cancellationToken = default)
    {
        var definition = await definitions.ParsedAsync(definitionId, cancellationToken);
        await using var db = store.Open();
        var rows = await db.Instances.AsNoTracking().Where(i => i.DefinitionId == definitionId && Running.Contains(i.Status))
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var state = InstanceStateJson.Deserialize(r.State);
            return new RunningInstance(r.Id, r.CorrelationKey, r.Status, InstanceMigration.Waiting(definition, definition, state, module.Calendars.For(state.Variables).Zone));
        })];
    }

    /// <summary>
    /// Moves one instance of <paramref name="sourceId"/> to <paramref name="target"/> (checked with
    /// <see cref="TargetProblem"/> by the caller), or with <paramref name="dryRun"/> only says what
    /// that would do. An instance not on <paramref name="sourceId"/> (any more) is refused.
    /// </summary>
    public async Task<MigrationOutcome> MigrateAsync(Guid instanceId, long sourceId, DefinitionRow target, bool dryRun, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var targetName = $"versión {target.Version}";
        var targetDefinition = await definitions.ParsedAsync(target.Id, cancellationToken);
        if (dryRun)
        {
            await using var db = store.Open();
            var row = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
            if (row is null || row.DefinitionId != sourceId)
            {
                return NotOnSource(instanceId, row?.CorrelationKey, sourceId);
            }
            var (_, outcome) = await PlanAsync(row.Id, row.CorrelationKey, row.DefinitionId, row.State, targetDefinition, targetName, cancellationToken);
            return outcome;
        }
        await using var transaction = await steps.OpenAsync(cancellationToken);
        LockedInstance? instance = null;
        await transaction.BeginAsync(cancellationToken, LockedInstance.Lock(instanceId, skipLocked: false, found => instance = found));
        string? key;
        await using (var db = store.Open())
        {
            key = await db.Instances.Where(i => i.Id == instanceId).Select(i => i.CorrelationKey).SingleOrDefaultAsync(cancellationToken);
        }
        if (instance is null || instance.DefinitionId != sourceId)
        {
            return NotOnSource(instanceId, key, sourceId);
        }
        var (step, planned) = await PlanAsync(instance.Id, key, instance.DefinitionId, instance.State, targetDefinition, targetName, cancellationToken);
        var now = steps.Clock.GetCurrentInstant();
        var @event = new Migrated(targetName);
        if (!step.Applied)
        {
            transaction.Journal(InstanceSteps.Refusal(instance.Id, @event, step.Refusal!, actor, now));
            await steps.CommitAsync(transaction, cancellationToken);
            return planned;
        }
        transaction.Write("UPDATE workflow_instances SET definition_id = $2 WHERE id = $1", instance.Id, target.Id);
        StepWriter.Write(transaction, instance with { DefinitionId = target.Id }, step, @event, actor, now);
        await steps.CommitAsync(transaction, cancellationToken);
        return planned with { Migrated = true };
    }

    private async Task<(StepResult Step, MigrationOutcome Outcome)> PlanAsync(
        Guid id, string? key, long definitionId, string stateJson, Engine.Definitions.WorkflowDefinition target, string targetName, CancellationToken cancellationToken)
    {
        var source = await definitions.ParsedAsync(definitionId, cancellationToken);
        var state = InstanceStateJson.Deserialize(stateJson);
        var context = new EngineContext(id, steps.Clock.GetCurrentInstant(), module.Calendars.For(state.Variables)) { Reserved = module.ReservedVariables };
        var step = InstanceMigration.Migrate(source, target, targetName, state, context);
        var changes = step.Effects.OfType<JournalLine>().Where(l => l.Kind is JournalKind.TimerRescheduled or JournalKind.TimerScheduled).Select(l => l.Details).ToList();
        return (step, new MigrationOutcome(id, key, InstanceMigration.Waiting(source, target, state, context.Calendar.Zone), changes, step.Refusal, false));
    }

    private static MigrationOutcome NotOnSource(Guid id, string? key, long sourceId) =>
        new(id, key, [], [], $"la instancia {id} no está en curso en la definición {sourceId}", false);
}
