using System.Collections.Concurrent;
using Focalizacion.Calendar.BusinessDays;
using Focalizacion.Calendar.Regions;

namespace Focalizacion.Calendar.Holidays;

/// <summary>
/// Every holiday of Chile for the years the service handles: national and regional holidays by
/// rule, plus the one-off holidays and corrections of the special-holiday file.
/// </summary>
/// <remarks>
/// Immutable once built and safe to share between threads. Years are computed on first use and
/// kept; the whole range is a few kilobytes.
/// </remarks>
public sealed class HolidayCalendar
{
    /// <summary>The first year whose holidays this calendar computes (the rules are valid from 2020).</summary>
    public const int FirstYear = 2020;

    /// <summary>The last year; one past 2100 so that a deadline of a 2100 cycle can roll into it.</summary>
    public const int LastYear = 2101;

    private readonly ILookup<int, SpecialHolidayEntry> _entriesByYear;
    private readonly ConcurrentDictionary<int, IReadOnlyList<Holiday>> _years = new();
    private readonly ConcurrentDictionary<string, BusinessCalendar> _businessCalendars = new();

    private HolidayCalendar(SpecialHolidayFile specialHolidays)
    {
        _entriesByYear = specialHolidays.Entries.ToLookup(e => e.Holiday.Date.Year);
        SpecialHolidays = specialHolidays;
    }

    /// <summary>The calendar by rule alone, without special laws.</summary>
    public static HolidayCalendar RulesOnly { get; } = new(SpecialHolidayFile.Empty);

    public SpecialHolidayFile SpecialHolidays { get; }

    /// <summary>
    /// Builds the calendar and checks every line against the rules: a «quitar» line that removes
    /// nothing, or an «agregar» line repeating a holiday the rules already give (same day, scope
    /// and name), is a <see cref="CalendarDataException"/> naming its line. Two different holidays
    /// on one day (an election on San Pedro y San Pablo) are fine.
    /// </summary>
    public static HolidayCalendar Create(SpecialHolidayFile specialHolidays)
    {
        ArgumentNullException.ThrowIfNull(specialHolidays);
        foreach (var entry in specialHolidays.Entries)
        {
            var sameDayAndScope = RuleHolidays(entry.Holiday.Date.Year).Where(h => SameDayAndScope(h, entry.Holiday)).ToList();
            if (entry.Action == SpecialHolidayAction.Remove && sameDayAndScope.Count == 0)
            {
                throw new CalendarDataException(specialHolidays.FileName, entry.LineNumber,
                    $"«quitar» {entry.Holiday.Date:yyyy-MM-dd}: las reglas no dan feriado ese día en ese ámbito, no hay nada que quitar");
            }
            if (entry.Action == SpecialHolidayAction.Add && sameDayAndScope.Any(h => h.Name == entry.Holiday.Name))
            {
                throw new CalendarDataException(specialHolidays.FileName, entry.LineNumber,
                    $"«agregar» {entry.Holiday.Date:yyyy-MM-dd}: las reglas ya dan ese feriado ({entry.Holiday.Name})");
            }
        }
        return new HolidayCalendar(specialHolidays);
    }

    /// <summary>The holidays of a year, sorted by date: national only, or national plus the region's when one is given.</summary>
    public IReadOnlyList<Holiday> For(int year, Region? region = null)
    {
        var all = _years.GetOrAdd(CheckYear(year), Compute);
        return region is null
            ? all.Where(h => h.Scope == HolidayScope.National).ToList()
            : all.Where(h => h.AppliesTo(region.IsoSuffix)).ToList();
    }

    /// <summary>The business-day calendar of one region (shared, built once per region).</summary>
    public BusinessCalendar BusinessDays(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return _businessCalendars.GetOrAdd(region.IsoSuffix, _ => new BusinessCalendar(this, region));
    }

    private IReadOnlyList<Holiday> Compute(int year)
    {
        var holidays = RuleHolidays(year).ToList();
        foreach (var entry in _entriesByYear[year])
        {
            if (entry.Action == SpecialHolidayAction.Add)
            {
                holidays.Add(entry.Holiday);
            }
            else
            {
                holidays.RemoveAll(h => SameDayAndScope(h, entry.Holiday));
            }
        }
        return holidays.OrderBy(h => h.Date).ThenBy(h => h.Scope).ToList().AsReadOnly();
    }

    private static IEnumerable<Holiday> RuleHolidays(int year) =>
        NationalHolidays.For(year).Concat(RegionalHolidays.For(year));

    private static bool SameDayAndScope(Holiday a, Holiday b) =>
        a.Date == b.Date && a.Scope == b.Scope && a.RegionIsoSuffix == b.RegionIsoSuffix;

    internal static int CheckYear(int year) =>
        year is < FirstYear or > LastYear
            ? throw new ArgumentOutOfRangeException(nameof(year), year, $"The calendar covers {FirstYear}–{LastYear}.")
            : year;
}
