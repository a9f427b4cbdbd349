using Focalizacion.Calendar.BusinessDays;
using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// What one instance's timers are computed against: the zone its local times are read in and, for
/// plazo rules, its business-day calendar and reference year. The host works it out from the
/// instance's variables (the cycle layer reads the region and the budget year); the engine only
/// uses it.
/// </summary>
/// <param name="Zone">The zone of the instance's local dates and times.</param>
/// <param name="BusinessDays">The business days plazo rules count in; null when the instance has none.</param>
/// <param name="ReferenceYear">The year plazo rules are evaluated for (the budget year); null when the instance has none.</param>
/// <param name="Missing">Why plazo rules cannot be evaluated for this instance (Spanish), when they cannot.</param>
public sealed record InstanceCalendar(DateTimeZone Zone, BusinessCalendar? BusinessDays, int? ReferenceYear, string? Missing)
{
    /// <summary>Plazo rules can be evaluated: a region's business days and a reference year.</summary>
    public static InstanceCalendar For(BusinessCalendar businessDays, int referenceYear)
    {
        ArgumentNullException.ThrowIfNull(businessDays);
        return new(businessDays.Region.Zone, businessDays, referenceYear, null);
    }

    /// <summary>Only local times and durations can be computed; <paramref name="missing"/> says why plazo rules cannot.</summary>
    public static InstanceCalendar ZoneOnly(DateTimeZone zone, string missing) => new(zone, null, null, missing);
}
