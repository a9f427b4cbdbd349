using Focalizacion.Calendar.Holidays;
using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>What a step may know besides the state and the event: which instance, the clock reading, the calendar.</summary>
/// <param name="InstanceId">The instance, for effect keys.</param>
/// <param name="Now">The clock reading the runtime took for this step; the engine never reads a clock.</param>
/// <param name="Calendar">Holidays and business days, for plazo-rule timers.</param>
public sealed record EngineContext(Guid InstanceId, Instant Now, HolidayCalendar Calendar);
