using NodaTime;
using NodaTime.TimeZones;

namespace Focalizacion.Calendar.Plazos;

/// <summary>
/// An evaluated deadline: its day in the region's zone, optionally a time of day, and the instant
/// from which it is overdue.
/// </summary>
/// <remarks>
/// A deadline "on day D" covers the whole local day D: it is overdue from the start of D+1 in the
/// region's zone, as the zone rules compute it (on the first Sunday of September mainland midnight
/// does not exist and the day starts at 01:00). A deadline with a time of day is overdue from that
/// local time; a time skipped by a clock change moves forward by the gap, and a time that happens
/// twice means its later occurrence, so a deadline is never made shorter by a clock change.
/// Both the date as written and the date rolled forward (Ley 19.880 art. 25) are kept, so that
/// people can see what the roll-forward setting changes.
/// </remarks>
public sealed record Plazo(LocalDate DateAsWritten, LocalDate DateRolledForward, bool RollForward, LocalTime? Time, DateTimeZone Zone)
{
    private static readonly ZoneLocalMappingResolver LatestOccurrence =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    /// <summary>The day in force under the rule's roll-forward setting.</summary>
    public LocalDate Date => RollForward ? DateRolledForward : DateAsWritten;

    /// <summary>The day under the other setting; differs from <see cref="Date"/> only on a non-business day.</summary>
    public LocalDate AlternativeDate => RollForward ? DateAsWritten : DateRolledForward;

    /// <summary>Whether the roll-forward setting changes the day.</summary>
    public bool RollForwardMovesDate => DateAsWritten != DateRolledForward;

    /// <summary>The first instant at which the deadline has passed.</summary>
    public ZonedDateTime OverdueAt => OverdueOn(Date);

    /// <summary>The overdue instant under the other roll-forward setting.</summary>
    public ZonedDateTime AlternativeOverdueAt => OverdueOn(AlternativeDate);

    /// <summary>Whether the deadline has passed at <paramref name="now"/>.</summary>
    public bool IsOverdue(Instant now) => now >= OverdueAt.ToInstant();

    private ZonedDateTime OverdueOn(LocalDate date) =>
        Time is { } time
            ? Zone.ResolveLocal(date + time, LatestOccurrence)
            : date.PlusDays(1).AtStartOfDayInZone(Zone);
}
