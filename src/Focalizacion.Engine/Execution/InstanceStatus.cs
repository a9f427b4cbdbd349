namespace Focalizacion.Engine.Execution;

/// <summary>Where an instance is in its life.</summary>
public enum InstanceStatus
{
    /// <summary>Has tokens that wait (for a timer, message, user or effect) or are blocked by an incident.</summary>
    Running,

    /// <summary>An operator paused it: events other than resume and cancel are refused, and due timers wait.</summary>
    Suspended,

    /// <summary>All tokens reached an end event, or a terminate end event was reached.</summary>
    Completed,

    /// <summary>An operator cancelled it.</summary>
    Cancelled,
}
