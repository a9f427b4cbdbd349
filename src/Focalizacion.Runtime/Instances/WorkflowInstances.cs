using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Starting instances and delivering what happens to them: messages (by instance id or by
/// correlation key and message name), user-task completions, cancel, suspend and resume.
/// </summary>
/// <remarks>
/// A correlation key is whatever the host finds its instances by (the cycle: region and budget
/// year); the engine stores and compares it, nothing more.
/// </remarks>
public sealed class WorkflowInstances(Store store, InstanceSteps steps, DefinitionStore definitions)
{
    /// <summary>
    /// Starts an instance of the newest published version of <paramref name="processKey"/>, pinned
    /// to that version for its whole life.
    /// </summary>
    public Task<Guid> StartAsync(string processKey, JsonObject variables, Actor actor, CancellationToken cancellationToken = default) =>
        StartAsync(processKey, variables, null, null, actor, cancellationToken);

    /// <summary>
    /// Starts an instance found later by <paramref name="correlationKey"/>, with event dates recorded
    /// before it existed (a cycle started mid-year): plazo rules count from them as if the instance
    /// had received them.
    /// </summary>
    public async Task<Guid> StartAsync(
        string processKey, JsonObject variables, IReadOnlyDictionary<string, LocalDate>? events, string? correlationKey, Actor actor,
        CancellationToken cancellationToken = default)
    {
        long definitionId;
        await using (var db = store.Open())
        {
            definitionId = (await DefinitionStore.LatestPublishedAsync(db, processKey, cancellationToken)).Id;
        }
        return await StartAsync(definitionId, variables, events, correlationKey, actor, cancellationToken);
    }

    /// <summary>Starts an instance of one stored definition (the version the caller already looked up).</summary>
    public async Task<Guid> StartAsync(
        long definitionId, JsonObject variables, IReadOnlyDictionary<string, LocalDate>? events, string? correlationKey, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variables);
        await definitions.ParsedAsync(definitionId, cancellationToken);
        var now = steps.Clock.GetCurrentInstant();
        // Time-ordered ids (UUIDv7, from the injected clock): instances started together sit together
        // in the primary key and the journal's per-instance index, so a step dirties few pages.
        var instance = new LockedInstance(Guid.CreateVersion7(now.ToDateTimeOffset()), definitionId, nameof(InstanceStatus.Running), InstanceStateJson.Serialize(InstanceState.New(variables, events)), Version: 0, StepCount: 0);
        await using var transaction = await steps.OpenAsync(cancellationToken);
        transaction.Write(
            """
            INSERT INTO workflow_instances (id, definition_id, status, correlation_key, state, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6)
            """,
            instance.Id, definitionId, instance.Status, correlationKey, StepTransaction.Jsonb(instance.State), now);
        var outcome = await steps.StepLockedAsync(transaction, instance, new Started(), actor, cancellationToken);
        if (!outcome.Applied)
        {
            throw new InvalidOperationException($"A new instance refused to start: {outcome.Refusal}");
        }
        await steps.CommitAsync(transaction, cancellationToken);
        return instance.Id;
    }

    public Task<StepOutcome> SendMessageAsync(Guid instanceId, string message, JsonObject? payload, Actor actor, CancellationToken cancellationToken = default) =>
        steps.DeliverAsync(instanceId, new MessageReceived(message, payload), actor, cancellationToken);

    /// <summary>
    /// Delivers a message to the running instance with a correlation key (among several, the one
    /// waiting for it). No such instance is a refusal saying <paramref name="noInstance"/>; no open
    /// wait for that message, a refusal with its reason: never a silent drop.
    /// </summary>
    public Task<StepOutcome> SendMessageAsync(
        string correlationKey, string message, JsonObject? payload, Actor actor, string noInstance, CancellationToken cancellationToken = default) =>
        SendCorrelatedAsync(null, correlationKey, message, payload, actor, noInstance, [], cancellationToken);

    /// <summary>
    /// As above among the instances of one process only (any of its versions): a correlation key
    /// is the host's, and another process's instance may carry the same one.
    /// </summary>
    public Task<StepOutcome> SendMessageAsync(
        string processKey, string correlationKey, string message, JsonObject? payload, Actor actor, string noInstance, CancellationToken cancellationToken = default) =>
        SendMessageAsync(processKey, correlationKey, message, payload, actor, noInstance, [], cancellationToken);

    /// <summary>As above, committing <paramref name="alongside"/> with the step if, and only if, the instance takes the message (<see cref="StepSideWrite"/>).</summary>
    public Task<StepOutcome> SendMessageAsync(
        string processKey, string correlationKey, string message, JsonObject? payload, Actor actor, string noInstance,
        IReadOnlyList<StepSideWrite> alongside, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(processKey);
        return SendCorrelatedAsync(processKey, correlationKey, message, payload, actor, noInstance, alongside, cancellationToken);
    }

    private async Task<StepOutcome> SendCorrelatedAsync(
        string? processKey, string correlationKey, string message, JsonObject? payload, Actor actor, string noInstance,
        IReadOnlyList<StepSideWrite> alongside, CancellationToken cancellationToken)
    {
        List<Guid> candidates;
        await using (var db = store.Open())
        {
            var running = new[] { nameof(InstanceStatus.Running), nameof(InstanceStatus.Suspended) };
            var correlated = db.Instances.Where(i => i.CorrelationKey == correlationKey && running.Contains(i.Status));
            if (processKey is not null)
            {
                correlated = correlated.Where(i => db.Definitions.Any(d => d.Id == i.DefinitionId && d.ProcessKey == processKey));
            }
            candidates = await correlated.OrderBy(i => i.CreatedAt).Select(i => i.Id).ToListAsync(cancellationToken);
            var waiting = await db.Bookmarks.Where(b => candidates.Contains(b.InstanceId) && b.Kind == nameof(TokenWait.Message) && b.Key == message)
                .Select(b => b.InstanceId).FirstOrDefaultAsync(cancellationToken);
            if (waiting != Guid.Empty)
            {
                candidates.Insert(0, waiting);
            }
        }
        if (candidates.Count == 0)
        {
            return new StepOutcome(Guid.Empty, false, noInstance);
        }
        return await steps.DeliverAsync(candidates[0], new MessageReceived(message, payload), actor, alongside, cancellationToken);
    }

    public Task<StepOutcome> CompleteUserTaskAsync(Guid instanceId, string nodeId, JsonObject? data, Actor actor, CancellationToken cancellationToken = default) =>
        steps.DeliverAsync(instanceId, new UserTaskCompleted(nodeId, data), actor, cancellationToken);

    public Task<StepOutcome> CancelAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken = default) =>
        steps.DeliverAsync(instanceId, new Cancelled(), actor, cancellationToken);

    public Task<StepOutcome> SuspendAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken = default) =>
        steps.DeliverAsync(instanceId, new Suspended(), actor, cancellationToken);

    public Task<StepOutcome> ResumeAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken = default) =>
        steps.DeliverAsync(instanceId, new Resumed(), actor, cancellationToken);

    /// <summary>The current state of an instance, or null.</summary>
    public async Task<InstanceState?> StateAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Open();
        var row = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        return row is null ? null : InstanceStateJson.Deserialize(row.State);
    }
}
