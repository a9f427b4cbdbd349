using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>What a step may know besides the state and the event: which instance, the clock reading, the instance's calendar.</summary>
/// <param name="InstanceId">The instance, for effect keys.</param>
/// <param name="Now">The clock reading the runtime took for this step; the engine never reads a clock.</param>
/// <param name="Calendar">The zone, business days and reference year the instance's timers are computed against.</param>
public sealed record EngineContext(Guid InstanceId, Instant Now, InstanceCalendar Calendar);
