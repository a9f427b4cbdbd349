using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Builds a <see cref="VersionMap"/> (the "heatmap"): where the instances of a version wait, from their
/// state, and which flows they passed, from the journal's lines per node.
/// </summary>
/// <remarks>
/// The engine journals every node a token enters that does something (start, waits, decisions,
/// joins, timers fired, ends) but not a flow. An instance passed the flow from A to B when its
/// journal has a line of A and, after it, a line of B. A parallel gateway that only forks writes no
/// line; it counts as entered when its incoming flow's source was. A loop counts once per instance.
/// At most <see cref="MaxInstances"/> instances are read.
/// </remarks>
public sealed class VersionMaps(Store store, DefinitionStore definitions)
{
    /// <summary>The most instances one map reads (a budget year has 16; all years of a version, a few hundred).</summary>
    public const int MaxInstances = 2_000;

    private static readonly string[] Running = [nameof(InstanceStatus.Running), nameof(InstanceStatus.Suspended)];

    /// <summary>The map of <paramref name="definitionId"/> over its instances whose correlation key <paramref name="keep"/> takes.</summary>
    public async Task<VersionMap> MapAsync(long definitionId, Func<string?, bool> keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var definition = await definitions.ParsedAsync(definitionId, cancellationToken);
        await using var db = store.Open();
        var instances = (await db.Instances.AsNoTracking().Where(i => i.DefinitionId == definitionId)
                .OrderBy(i => i.CreatedAt).Take(MaxInstances)
                .Select(i => new { i.Id, i.CorrelationKey, i.Status, i.State }).ToListAsync(cancellationToken))
            .Where(i => keep(i.CorrelationKey)).ToList();
        var ids = instances.Select(i => i.Id).ToList();
        var lines = await db.Journal.AsNoTracking().Where(j => j.InstanceId != null && ids.Contains(j.InstanceId.Value) && j.Activity != null)
            .OrderBy(j => j.Id).Select(j => new { j.InstanceId, j.Id, j.Activity }).ToListAsync(cancellationToken);
        var byInstance = lines.GroupBy(l => l.InstanceId!.Value).ToDictionary(g => g.Key, g => g.Select(l => (l.Id, l.Activity!)).ToList());

        var waiting = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        var passed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            if (Running.Contains(instance.Status))
            {
                foreach (var node in InstanceStateJson.Deserialize(instance.State).Tokens.Select(t => t.NodeId).Distinct())
                {
                    (waiting.TryGetValue(node, out var keys) ? keys : waiting[node] = []).Add(instance.CorrelationKey);
                }
            }
            foreach (var flow in PassedFlows(definition, byInstance.GetValueOrDefault(instance.Id) ?? []))
            {
                passed[flow] = passed.GetValueOrDefault(flow) + 1;
            }
        }
        return new VersionMap(instances.Count, waiting.ToDictionary(w => w.Key, w => (IReadOnlyList<string?>)w.Value, StringComparer.Ordinal), passed);
    }

    /// <summary>The flows one instance passed, from its journal lines (id and node) in order.</summary>
    private static IEnumerable<string> PassedFlows(WorkflowDefinition definition, List<(long Id, string Node)> lines)
    {
        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, node) in lines)
        {
            first.TryAdd(node, id);
            last[node] = id;
        }
        // A fork writes no line: entered when the source of its incoming flow was, if a branch after it was entered.
        foreach (var fork in definition.Nodes.Values.OfType<ParallelGateway>().Where(g => !first.ContainsKey(g.Id) && definition.Incoming(g.Id).Count <= 1))
        {
            var before = definition.Incoming(fork.Id).Select(f => f.Source).Where(first.ContainsKey).ToList();
            if (before.Count > 0)
            {
                first[fork.Id] = before.Min(s => first[s]);
                last[fork.Id] = first[fork.Id];
            }
        }
        return definition.Flows.Values
            .Where(f => first.TryGetValue(f.Source, out var from) && last.TryGetValue(f.Target, out var to) && to >= from)
            .Select(f => f.Id);
    }
}
