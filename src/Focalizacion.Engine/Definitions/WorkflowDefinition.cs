using Focalizacion.Calendar.Plazos;

namespace Focalizacion.Engine.Definitions;

/// <summary>
/// An executable process: the supported BPMN nodes and flows of one <c>bpmn:process</c>, validated.
/// Built only by <see cref="BpmnImporter"/>, so every instance of it can run.
/// </summary>
/// <remarks>
/// Diagram layout is not part of it: the engine never needs it. The uploaded XML, layout and
/// extension attributes included, is kept verbatim by the store and returned on export.
/// </remarks>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<string, List<SequenceFlow>> _outgoing;
    private readonly Dictionary<string, List<SequenceFlow>> _incoming;
    private readonly Dictionary<string, List<BoundaryTimerEvent>> _boundaryEvents;

    public WorkflowDefinition(string processId, string? name, IReadOnlyList<FlowNode> nodes, IReadOnlyList<SequenceFlow> flows)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(flows);
        ProcessId = processId;
        Name = name;
        Nodes = nodes.ToDictionary(n => n.Id);
        Flows = flows.ToDictionary(f => f.Id);
        _outgoing = flows.GroupBy(f => f.Source).ToDictionary(g => g.Key, g => g.ToList());
        _incoming = flows.GroupBy(f => f.Target).ToDictionary(g => g.Key, g => g.ToList());
        _boundaryEvents = nodes.OfType<BoundaryTimerEvent>().GroupBy(b => b.AttachedTo).ToDictionary(g => g.Key, g => g.ToList());
        Start = nodes.OfType<StartEvent>().Single();
        NamedPlazos = NamePlazos(nodes);
        PlazoRules = NamedPlazos.ToDictionary(p => p.Key, p => p.Rule, StringComparer.Ordinal);
    }

    /// <summary>The <c>bpmn:process</c> id: the definition's key across versions.</summary>
    public string ProcessId { get; }

    public string? Name { get; }

    public IReadOnlyDictionary<string, FlowNode> Nodes { get; }

    public IReadOnlyDictionary<string, SequenceFlow> Flows { get; }

    public StartEvent Start { get; }

    /// <summary>The plazos its timers name (<see cref="NamedPlazo.Setting"/>), in document order.</summary>
    public IReadOnlyList<NamedPlazo> NamedPlazos { get; }

    /// <summary>The named plazos' rules by key: what relative rules ("7 días antes del plazo x") may refer to.</summary>
    public IReadOnlyDictionary<string, PlazoRule> PlazoRules { get; }

    /// <summary>Outgoing flows of a node, in document order (exclusive gateways test them in that order).</summary>
    public IReadOnlyList<SequenceFlow> Outgoing(string nodeId) => _outgoing.TryGetValue(nodeId, out var flows) ? flows : [];

    public IReadOnlyList<SequenceFlow> Incoming(string nodeId) => _incoming.TryGetValue(nodeId, out var flows) ? flows : [];

    /// <summary>The timer boundary events attached to an activity.</summary>
    public IReadOnlyList<BoundaryTimerEvent> BoundaryEvents(string activityId) =>
        _boundaryEvents.TryGetValue(activityId, out var events) ? events : [];

    public FlowNode Node(string id) =>
        Nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"No node '{id}' in process '{ProcessId}'.");

    /// <summary>The timer of a timer event node, or null for any other node.</summary>
    public static TimerDefinition? TimerOf(FlowNode node) => node switch
    {
        BoundaryTimerEvent boundary => boundary.Timer,
        TimerCatchEvent catchEvent => catchEvent.Timer,
        _ => null,
    };

    private static List<NamedPlazo> NamePlazos(IReadOnlyList<FlowNode> nodes)
    {
        // The importer refuses a name given twice; a definition built in code keeps the first.
        var plazos = new List<NamedPlazo>();
        foreach (var node in nodes)
        {
            if (TimerOf(node)?.Rule is { } rule && node.Settings.TryGetValue(NamedPlazo.Setting, out var key) && plazos.TrueForAll(p => p.Key != key.Trim()))
            {
                plazos.Add(new NamedPlazo(key.Trim(), node, rule));
            }
        }
        return plazos;
    }
}
