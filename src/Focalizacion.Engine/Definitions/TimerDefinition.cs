using Focalizacion.Calendar.Plazos;
using NodaTime;

namespace Focalizacion.Engine.Definitions;

/// <summary>
/// The value of a BPMN timer: plain ISO 8601, or a rule in the plazo language when the element's
/// <c>language</c> attribute says so (<see cref="PlazoLanguage"/>).
/// </summary>
/// <remarks>
/// Exactly one of <see cref="Rule"/>, <see cref="Series"/>, <see cref="LocalMoment"/>,
/// <see cref="FixedMoment"/> and <see cref="Period"/> is set. A plazo rule fires at its overdue instant (the start of the next
/// local day, or its "a las HH:mm"); a local ISO date-time is read in the instance's region zone;
/// a duration counts from the moment the timer is scheduled, by calendar arithmetic in that zone
/// ("P1M" is a calendar month, "PT48H" exactly 48 hours).
/// </remarks>
public sealed record TimerDefinition(TimerKind Kind, string Text)
{
    /// <summary>The <c>language</c> attribute value that marks a plazo rule.</summary>
    public const string PlazoLanguage = "plazo";

    /// <summary>
    /// The longest <c>timeDuration</c>: ten years, counting every year as 366 days and every month
    /// as 31, so that no accepted duration is longer whatever the calendar. Longer ones are
    /// mistakes, and far longer ones overflowed the arithmetic that schedules them.
    /// </summary>
    public const int MaxDurationDays = 3660;

    public PlazoRule? Rule { get; init; }

    /// <summary>
    /// A <c>timeCycle</c>'s moments, one plazo rule each with its own text, in the order written.
    /// The timer fires at each one still ahead when its wait begins, one after the other.
    /// </summary>
    public IReadOnlyList<(string Text, PlazoRule Rule)>? Series { get; init; }

    public LocalDateTime? LocalMoment { get; init; }

    public OffsetDateTime? FixedMoment { get; init; }

    public Period? Period { get; init; }
}
