using Focalizacion.Calendar.BusinessDays;
using Focalizacion.Engine.Execution;
using NodaTime;

namespace Focalizacion.Cycle.Estado;

/// <summary>The state of a milestone on the board, as its users read it.</summary>
public enum MilestoneState
{
    /// <summary>Done (on time or late).</summary>
    Cumplido,

    /// <summary>Not done; its deadline is still ahead (or not fixed yet).</summary>
    Pendiente,

    /// <summary>Not done; its deadline is today, in the region's zone.</summary>
    VenceHoy,

    /// <summary>Not done; its deadline passed and the cycle still waits for it.</summary>
    Vencido,

    /// <summary>Not done; its deadline passed and the cycle went on without it (or started after it).</summary>
    VencidoSinRegistro,

    /// <summary>The cycle ended without needing it (an ajuste after a conforming final, say).</summary>
    NoAplica,
}

/// <summary>
/// Where a milestone stands for the people who follow the cycle: its <see cref="MilestoneState"/>,
/// with the calendar and business days left for a pending one, or how late a done one was. The one
/// home of these states' names and of the rule that picks one.
/// </summary>
/// <param name="State">The state.</param>
/// <param name="Milestone">The milestone's standing it comes from.</param>
/// <param name="CalendarDaysLeft">Pending with a deadline: calendar days from today to the deadline's date.</param>
/// <param name="BusinessDaysLeft">Pending with a deadline: business days of the region after today up to the deadline's date.</param>
/// <param name="DaysLate">Done late: calendar days after the deadline's date.</param>
public sealed record MilestoneSituation(MilestoneState State, MilestoneStanding Milestone, int? CalendarDaysLeft, int? BusinessDaysLeft, int? DaysLate)
{
    /// <summary>Every state in board order, for counts and filters.</summary>
    public static IReadOnlyList<MilestoneState> States { get; } = Enum.GetValues<MilestoneState>();

    /// <summary>"cumplido", "pendiente", "vence hoy", "vencido", "vencido sin registro", "no aplica".</summary>
    public static string Name(MilestoneState state) => state switch
    {
        MilestoneState.Cumplido => "cumplido",
        MilestoneState.Pendiente => "pendiente",
        MilestoneState.VenceHoy => "vence hoy",
        MilestoneState.Vencido => "vencido",
        MilestoneState.VencidoSinRegistro => "vencido sin registro",
        _ => "no aplica",
    };

    /// <summary>The state's stable key for URLs and CSS ("vencido-sin-registro").</summary>
    public static string Key(MilestoneState state) => Name(state).Replace(' ', '-');

    /// <summary>The state whose <see cref="Key"/> is <paramref name="key"/>.</summary>
    public static MilestoneState? FromKey(string? key) => States.Cast<MilestoneState?>().FirstOrDefault(s => Key(s!.Value) == key);

    public string Name() => Name(State);

    /// <summary>
    /// The situation of <paramref name="milestone"/> of a cycle whose instance is in <paramref name="status"/>
    /// (null: not started) at <paramref name="now"/>, counting business days with <paramref name="businessDays"/>.
    /// </summary>
    public static MilestoneSituation Of(MilestoneStanding milestone, InstanceStatus? status, Instant now, BusinessCalendar businessDays)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(businessDays);
        var deadline = milestone.Deadline;
        if (milestone.DoneOn is { } on)
        {
            var late = deadline is not null && on > deadline.Date ? Period.Between(deadline.Date, on, PeriodUnits.Days).Days : 0;
            return new(MilestoneState.Cumplido, milestone, null, null, late);
        }
        var ended = status is InstanceStatus.Completed or InstanceStatus.Cancelled;
        if (deadline is null)
        {
            return new(ended ? MilestoneState.NoAplica : MilestoneState.Pendiente, milestone, null, null, null);
        }
        if (deadline.IsOverdue(now))
        {
            return new(ended || milestone.FlaggedAtStart ? MilestoneState.VencidoSinRegistro : MilestoneState.Vencido, milestone, null, null, null);
        }
        if (ended)
        {
            return new(MilestoneState.NoAplica, milestone, null, null, null);
        }
        var today = now.InZone(deadline.Zone).Date;
        if (today >= deadline.Date)
        {
            return new(MilestoneState.VenceHoy, milestone, 0, 0, null);
        }
        var calendarDays = Period.Between(today, deadline.Date, PeriodUnits.Days).Days;
        return new(MilestoneState.Pendiente, milestone, calendarDays, businessDays.CountBusinessDays(today, deadline.Date), null);
    }
}
