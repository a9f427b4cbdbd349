using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>What a step may know besides the state and the event: which instance, the clock reading, the instance's calendar, the host's reserved variables.</summary>
/// <param name="InstanceId">The instance, for effect keys.</param>
/// <param name="Now">The clock reading the runtime took for this step; the engine never reads a clock.</param>
/// <param name="Calendar">The zone, business days and reference year the instance's timers are computed against.</param>
public sealed record EngineContext(Guid InstanceId, Instant Now, InstanceCalendar Calendar)
{
    /// <summary>The variables the host keeps for itself: a message or a user task's data that names one is refused.</summary>
    public ReservedVariables Reserved { get; init; } = ReservedVariables.None;
}
