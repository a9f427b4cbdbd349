using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Execution;

/// <summary>Something that happens to an instance; the engine steps it from one state to the next.</summary>
public abstract record WorkflowEvent
{
    /// <summary>A short Spanish name for the journal.</summary>
    public abstract string Description { get; }
}

/// <summary>The instance starts at its start event.</summary>
public sealed record Started : WorkflowEvent
{
    public override string Description => "inicio";
}

/// <summary>A timer is due (the runtime checked the clock).</summary>
public sealed record TimerFired(string TimerId) : WorkflowEvent
{
    public override string Description => $"temporizador {TimerId}";
}

/// <summary>A message arrived (a document was received), with its data.</summary>
public sealed record MessageReceived(string Name, JsonObject? Payload = null) : WorkflowEvent
{
    public override string Description => $"mensaje «{Name}»";
}

/// <summary>Someone completed a user task, with the data they recorded.</summary>
public sealed record UserTaskCompleted(string NodeId, JsonObject? Data = null) : WorkflowEvent
{
    public override string Description => $"tarea {NodeId} completada";
}

/// <summary>The outbox delivered a service task's effect; its outputs become variables.</summary>
public sealed record EffectCompleted(string Key, JsonObject? Outputs = null) : WorkflowEvent
{
    public override string Description => $"efecto {Key} entregado";
}

/// <summary>An operator skipped a failing effect or a blocked token: the token goes on without it.</summary>
public sealed record IncidentSkipped(string TokenId) : WorkflowEvent
{
    public override string Description => $"incidente del token {TokenId} omitido";
}

/// <summary>An operator retried a token blocked by an incident: it arrives at its node again.</summary>
public sealed record IncidentRetried(string TokenId) : WorkflowEvent
{
    public override string Description => $"incidente del token {TokenId} reintentado";
}

/// <summary>An operator cancelled the instance.</summary>
public sealed record Cancelled : WorkflowEvent
{
    public override string Description => "cancelación";
}

/// <summary>An operator suspended the instance.</summary>
public sealed record Suspended : WorkflowEvent
{
    public override string Description => "suspensión";
}

/// <summary>An operator resumed a suspended instance.</summary>
public sealed record Resumed : WorkflowEvent
{
    public override string Description => "reanudación";
}

/// <summary>
/// An administrator moved the instance to another version of its process
/// (<see cref="InstanceMigration"/>): not stepped by <see cref="WorkflowEngine.Step"/>, only named in the journal.
/// </summary>
/// <param name="To">The version it moves to, as the journal names it ("versión 2").</param>
public sealed record Migrated(string To) : WorkflowEvent
{
    public override string Description => $"migración a la {To}";
}
