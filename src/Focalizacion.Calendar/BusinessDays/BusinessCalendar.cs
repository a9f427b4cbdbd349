using System.Collections.Concurrent;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using NodaTime;

namespace Focalizacion.Calendar.BusinessDays;

/// <summary>
/// Business-day ("día hábil") arithmetic for one region: Saturdays, Sundays, national holidays and
/// the region's own holidays are non-business days (Ley 19.880, art. 25).
/// </summary>
/// <remarks>
/// Every method works on local dates of the region; none reads a clock. Dates outside
/// <see cref="HolidayCalendar.FirstYear"/>–<see cref="HolidayCalendar.LastYear"/> are a caller
/// mistake and throw <see cref="ArgumentOutOfRangeException"/>.
/// </remarks>
public sealed class BusinessCalendar
{
    private readonly HolidayCalendar _holidays;
    private readonly ConcurrentDictionary<int, YearTable> _tables = new();

    internal BusinessCalendar(HolidayCalendar holidays, Region region)
    {
        _holidays = holidays;
        Region = region;
    }

    public Region Region { get; }

    public bool IsBusinessDay(LocalDate date) => Table(date.Year).IsBusinessDay(date);

    /// <summary>The first business day strictly after <paramref name="date"/>.</summary>
    public LocalDate NextBusinessDay(LocalDate date) => Step(date, 1);

    /// <summary>The last business day strictly before <paramref name="date"/>.</summary>
    public LocalDate PreviousBusinessDay(LocalDate date) => Step(date, -1);

    /// <summary>
    /// The Ley 19.880 art. 25 roll-forward: the date itself when it is a business day, otherwise
    /// the first business day after it ("se entenderá prorrogado al primer día hábil siguiente").
    /// </summary>
    public LocalDate RollForward(LocalDate date) => IsBusinessDay(date) ? date : NextBusinessDay(date);

    /// <summary>
    /// The <paramref name="n"/>th business day of a month (1 = first); negative counts from the
    /// end (−1 = last). Null when the month has fewer business days.
    /// </summary>
    public LocalDate? NthBusinessDayOfMonth(int year, int month, int n)
    {
        if (n == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "n is 1-based; use a negative n to count from the end.");
        }
        var first = new LocalDate(year, month, 1);
        var day = n > 0 ? first.PlusDays(-1) : first.PlusMonths(1);
        var result = AddBusinessDays(day, n);
        return result.Month == month && result.Year == year ? result : null;
    }

    /// <summary>
    /// The business day <paramref name="n"/> business days after <paramref name="date"/> (before,
    /// when negative), not counting <paramref name="date"/> itself; zero returns the date unchanged.
    /// </summary>
    public LocalDate AddBusinessDays(LocalDate date, int n)
    {
        int direction = Math.Sign(n);
        var day = date;
        for (int remaining = Math.Abs(n); remaining > 0; remaining--)
        {
            day = Step(day, direction);
        }
        return day;
    }

    /// <summary>Calendar ("corridos") days: every day counts, business or not.</summary>
    public static LocalDate AddCalendarDays(LocalDate date, int n) => date.PlusDays(n);

    /// <summary>
    /// The inverse of <see cref="AddBusinessDays"/>: the business days in
    /// (<paramref name="start"/>, <paramref name="end"/>] going forward, or minus those in
    /// [<paramref name="end"/>, <paramref name="start"/>) going back.
    /// </summary>
    public int CountBusinessDays(LocalDate start, LocalDate end) =>
        end >= start ? CountIn(start.PlusDays(1), end) : -CountIn(end, start.PlusDays(-1));

    private int CountIn(LocalDate first, LocalDate last)
    {
        int count = 0;
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            if (IsBusinessDay(day))
            {
                count++;
            }
        }
        return count;
    }

    private LocalDate Step(LocalDate date, int direction)
    {
        var day = date.PlusDays(direction);
        while (!IsBusinessDay(day))
        {
            day = day.PlusDays(direction);
        }
        return day;
    }

    private YearTable Table(int year) =>
        _tables.GetOrAdd(HolidayCalendar.CheckYear(year), y => YearTable.Build(y, _holidays.For(y, Region).Select(h => h.Date)));
}
