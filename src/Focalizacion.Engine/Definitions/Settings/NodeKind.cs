namespace Focalizacion.Engine.Definitions.Settings;

/// <summary>The kinds of node, other than a service task (whose handler decides), that a setting can go on.</summary>
public enum NodeKind
{
    /// <summary>A timer: an intermediate catch event or a boundary event with a <c>timerEventDefinition</c>.</summary>
    Timer,

    /// <summary>A <c>bpmn:receiveTask</c>.</summary>
    ReceiveTask,

    /// <summary>Any node but a service task (a host whose setting goes everywhere; the engine's tests).</summary>
    AnyButServiceTask,
}

/// <summary>What each <see cref="NodeKind"/> means: which nodes it is, and its names for the designer and for people.</summary>
public static class NodeKinds
{
    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<NodeKind> All { get; } = Enum.GetValues<NodeKind>();

    /// <summary>Whether <paramref name="node"/> is of <paramref name="kind"/>.</summary>
    public static bool Matches(NodeKind kind, FlowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return kind switch
        {
            NodeKind.Timer => WorkflowDefinition.TimerOf(node) is not null,
            NodeKind.ReceiveTask => node is ReceiveTask,
            NodeKind.AnyButServiceTask => node is not ServiceTask,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>The key the designer's API gives the kind ("temporizador", "tarea-recepcion").</summary>
    public static string Key(NodeKind kind) => kind switch
    {
        NodeKind.Timer => "temporizador",
        NodeKind.ReceiveTask => "tarea-recepcion",
        NodeKind.AnyButServiceTask => "nodo",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The nodes of the kind, in Spanish, plural ("temporizadores").</summary>
    public static string Plural(NodeKind kind) => kind switch
    {
        NodeKind.Timer => "temporizadores",
        NodeKind.ReceiveTask => "tareas de recepción",
        NodeKind.AnyButServiceTask => "nodos que no son tareas de servicio",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
