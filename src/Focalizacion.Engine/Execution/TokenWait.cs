namespace Focalizacion.Engine.Execution;

/// <summary>What a token is waiting for at its node.</summary>
public enum TokenWait
{
    /// <summary>A message (receive task, message catch event).</summary>
    Message,

    /// <summary>Someone to complete a user task.</summary>
    User,

    /// <summary>A timer catch event's timer.</summary>
    Timer,

    /// <summary>A service task's handler, run through the outbox.</summary>
    Effect,

    /// <summary>An incident: the engine could not go on (no gateway flow matched, a timer rule failed); an operator retries or skips.</summary>
    Incident,

    /// <summary>A parallel join waiting for its other incoming flows.</summary>
    Join,
}
