namespace Focalizacion.Engine.Definitions;

/// <summary>Which BPMN timer element holds the value.</summary>
public enum TimerKind
{
    /// <summary><c>timeDate</c>: a moment (ISO 8601 date-time, local to the region unless it has an offset) or a plazo rule.</summary>
    Date,

    /// <summary><c>timeDuration</c>: a span after the timer starts (ISO 8601 "P15D", "PT48H").</summary>
    Duration,

    /// <summary>
    /// <c>timeCycle</c> in the plazo language: a series of moments ("30, 14, 7, 2, 1 y 0 días antes
    /// del plazo x, a las 09:00"), for reminders on a non-interrupting boundary event.
    /// </summary>
    Cycle,
}
