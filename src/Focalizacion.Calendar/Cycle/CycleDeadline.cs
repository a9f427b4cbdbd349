using Focalizacion.Calendar.BusinessDays;
using Focalizacion.Calendar.Plazos;
using NodaTime;

namespace Focalizacion.Calendar.Cycle;

/// <summary>A milestone evaluated for one region and budget year.</summary>
/// <param name="Milestone">The milestone.</param>
/// <param name="Plazo">Its deadline.</param>
/// <param name="WindowStart">The first day of its legal window, when it has one.</param>
public sealed record CycleDeadline(CycleMilestone Milestone, Plazo Plazo, Plazo? WindowStart)
{
    /// <summary>
    /// Evaluates <paramref name="milestones"/> for one region and budget year. A milestone that
    /// counts from an event not yet recorded is left out (its deadline does not exist yet), and so
    /// is one whose rule cannot be evaluated (the engine raises that instance's incident instead).
    /// </summary>
    /// <param name="milestones">The milestones, in the order to list them.</param>
    /// <param name="calendar">The region's business days.</param>
    /// <param name="budgetYear">The budget year Y; the cycle runs in Y−1.</param>
    /// <param name="events">Recorded events by key.</param>
    /// <param name="plazos">The named rules relative rules may refer to.</param>
    public static IReadOnlyList<CycleDeadline> Evaluate(
        IEnumerable<CycleMilestone> milestones, BusinessCalendar calendar, int budgetYear,
        IReadOnlyDictionary<string, LocalDate> events, IReadOnlyDictionary<string, PlazoRule> plazos)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var context = new PlazoContext(calendar, budgetYear, events, plazos);
        var deadlines = new List<CycleDeadline>();
        foreach (var milestone in milestones)
        {
            if (milestone.Rule.Anchor is DayOffset { Kind: ReferenceKind.Event } offset && !events.ContainsKey(offset.Key))
            {
                continue;
            }
            var plazo = milestone.Rule.Evaluate(context);
            var window = milestone.WindowStart?.Evaluate(context);
            if (plazo.Success && window is null or { Success: true })
            {
                deadlines.Add(new CycleDeadline(milestone, plazo.Value, window?.Value));
            }
        }
        return deadlines;
    }
}
