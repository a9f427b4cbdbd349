using Focalizacion.Calendar.BusinessDays;
using NodaTime;

namespace Focalizacion.Calendar.Plazos;

/// <summary>
/// What a <see cref="PlazoRule"/> is evaluated against: a region's business days, the budget year
/// of the cycle, the recorded event dates and the other named plazos of the cycle.
/// </summary>
/// <param name="Calendar">The business-day calendar of the region.</param>
/// <param name="BudgetYear">The budget year Y; the cycle runs in Y−1.</param>
/// <param name="Events">Recorded events by key, as local dates in the region's zone.</param>
/// <param name="Plazos">The cycle's named rules, which relative rules may refer to.</param>
public sealed record PlazoContext(
    BusinessCalendar Calendar,
    int BudgetYear,
    IReadOnlyDictionary<string, LocalDate> Events,
    IReadOnlyDictionary<string, PlazoRule> Plazos)
{
    public int CycleYear => BudgetYear - 1;

    public DateTimeZone Zone => Calendar.Region.Zone;

    public int YearOf(RuleYear year) => year == RuleYear.Budget ? BudgetYear : CycleYear;
}
