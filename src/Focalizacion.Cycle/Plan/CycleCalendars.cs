using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Composition;

namespace Focalizacion.Cycle.Plan;

/// <summary>
/// A cycle instance's calendar: its region's zone and business days, and its budget year as the
/// year plazo rules are evaluated for, read from the variables the cycle starts it with.
/// </summary>
/// <remarks>
/// An instance without a valid region (or budget year) still runs: its local times are read in
/// mainland Chilean time, and a plazo rule it reaches becomes an incident naming what is missing.
/// </remarks>
public sealed class CycleCalendars(HolidayCalendar holidays) : IInstanceCalendars
{
    public InstanceCalendar For(JsonObject variables)
    {
        var (region, year) = CycleVariables.Correlation(variables);
        if (region is null || year is null)
        {
            var zone = region?.Zone ?? ChileanTime.Mainland;
            return InstanceCalendar.ZoneOnly(zone,
                $"la instancia necesita las variables «{CycleVariables.RegionName}» (una región) y «{CycleVariables.BudgetYearName}» (un año)");
        }
        return year.Value is < HolidayCalendar.FirstYear or > HolidayCalendar.LastYear
            ? InstanceCalendar.ZoneOnly(region.Zone, $"el año presupuestario {year} está fuera del calendario ({HolidayCalendar.FirstYear}–{HolidayCalendar.LastYear})")
            : InstanceCalendar.For(holidays.BusinessDays(region), year.Value);
    }
}
