namespace Focalizacion.Engine.Definitions;

/// <summary>
/// A node of a BPMN process that the engine can run. Only the supported subset exists as types:
/// anything else is rejected at import, never ignored.
/// </summary>
/// <param name="Id">The BPMN element id, stable across versions; journals and errors name it.</param>
/// <param name="Name">The label the admin gave it, if any.</param>
public abstract record FlowNode(string Id, string? Name)
{
    /// <summary>The BPMN element name, for messages ("bpmn:userTask").</summary>
    public abstract string Kind { get; }

    /// <summary>Our extension settings on this element (attributes and properties in the extension namespace).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = ExtensionSettings.Empty;

    /// <summary>A readable reference for journals and errors: "Enviar oficio (Task_1)".</summary>
    public string Label => Name is { Length: > 0 } ? $"{Name} ({Id})" : Id;
}

/// <summary>A none start event: where a new instance's first token starts.</summary>
public sealed record StartEvent(string Id, string? Name) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:startEvent";
}

/// <summary>An end event; a terminate end event ends the whole instance at once.</summary>
public sealed record EndEvent(string Id, string? Name, bool Terminate) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:endEvent";
}

/// <summary>A service task bound to a named handler (send an oficio, apply the fallback).</summary>
public sealed record ServiceTask(string Id, string? Name, string Handler) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:serviceTask";
}

/// <summary>A user task: someone records a decision or data, and the token waits until they do.</summary>
public sealed record UserTask(string Id, string? Name) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:userTask";
}

/// <summary>A receive task waiting for a message (a GORE submission arrives).</summary>
public sealed record ReceiveTask(string Id, string? Name, string Message) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:receiveTask";
}

/// <summary>An intermediate message catch event: like a receive task, as an event.</summary>
public sealed record MessageCatchEvent(string Id, string? Name, string Message) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:intermediateCatchEvent";
}

/// <summary>An intermediate timer catch event: the token waits until the timer is due.</summary>
public sealed record TimerCatchEvent(string Id, string? Name, TimerDefinition Timer) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:intermediateCatchEvent";
}

/// <summary>
/// A timer boundary event on a waiting activity: a deadline (interrupting: the activity is
/// abandoned) or a reminder (non-interrupting: a new token leaves, the activity keeps waiting).
/// </summary>
public sealed record BoundaryTimerEvent(string Id, string? Name, string AttachedTo, bool Interrupting, TimerDefinition Timer) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:boundaryEvent";
}

/// <summary>An exclusive gateway: the first outgoing flow whose condition holds, else the default flow.</summary>
public sealed record ExclusiveGateway(string Id, string? Name, string? DefaultFlow) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:exclusiveGateway";
}

/// <summary>A parallel gateway: forks a token per outgoing flow; joins by waiting for one per incoming flow.</summary>
public sealed record ParallelGateway(string Id, string? Name) : FlowNode(Id, Name)
{
    public override string Kind => "bpmn:parallelGateway";
}
