using NodaTime;

namespace Focalizacion.Calendar.BusinessDays;

/// <summary>
/// The non-business days of one year in one region as a bit set indexed by day of year, so that
/// "is this a business day" is one array read.
/// </summary>
public sealed class YearTable
{
    private readonly ulong[] _nonBusiness = new ulong[6]; // 6 × 64 bits ≥ 366 days

    private YearTable(int year) => Year = year;

    public int Year { get; }

    /// <summary>Builds the table: Saturdays, Sundays and the given holidays are non-business days (Ley 19.880, art. 25).</summary>
    public static YearTable Build(int year, IEnumerable<LocalDate> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var table = new YearTable(year);
        var firstDay = new LocalDate(year, 1, 1);
        // The first Saturday, then every 7 days; Sundays likewise.
        for (var day = firstDay.With(DateAdjusters.NextOrSame(IsoDayOfWeek.Saturday)); day.Year == year; day = day.PlusWeeks(1))
        {
            table.Mark(day);
        }
        for (var day = firstDay.With(DateAdjusters.NextOrSame(IsoDayOfWeek.Sunday)); day.Year == year; day = day.PlusWeeks(1))
        {
            table.Mark(day);
        }
        foreach (var holiday in holidays)
        {
            table.Mark(holiday);
        }
        return table;
    }

    public bool IsBusinessDay(LocalDate date)
    {
        int index = date.DayOfYear - 1;
        return (_nonBusiness[index >> 6] & (1UL << (index & 63))) == 0;
    }

    private void Mark(LocalDate date)
    {
        if (date.Year != Year)
        {
            throw new ArgumentException($"{date} is not in {Year}.", nameof(date));
        }
        int index = date.DayOfYear - 1;
        _nonBusiness[index >> 6] |= 1UL << (index & 63);
    }
}
