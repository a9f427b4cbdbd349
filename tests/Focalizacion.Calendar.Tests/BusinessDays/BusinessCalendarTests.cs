using Focalizacion.Calendar.BusinessDays;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using static Focalizacion.Calendar.Tests.Dates;

namespace Focalizacion.Calendar.Tests.BusinessDays;

public class BusinessCalendarTests
{
    private static BusinessCalendar In(string region) => HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix(region));

    [TestCase("RM", "2026-12-31", true)] // 31 December is a bank holiday only: public services work
    [TestCase("RM", "2026-12-25", false)] // Navidad
    [TestCase("RM", "2026-11-14", false)] // a Saturday
    [TestCase("RM", "2026-11-15", false)] // a Sunday
    [TestCase("RM", "2026-11-16", true)] // an ordinary Monday
    [TestCase("NB", "2026-08-20", false)] // Ñuble's 20 August (Ley 20.768)
    [TestCase("RM", "2026-08-20", true)] // the same day in Santiago
    [TestCase("AP", "2027-06-07", false)] // Arica's 7 June on a Monday
    [TestCase("TA", "2027-06-07", true)] // Tarapacá works that Monday
    [TestCase("RM", "2029-10-29", true)] // 31 Oct 2029 moved to Friday 2 Nov: Monday 29 is a business day
    [TestCase("RM", "2029-11-02", false)] // ...and Friday 2 November is not
    public void Is_business_day(string region, string date, bool expected) =>
        Assert.That(In(region).IsBusinessDay(D(date)), Is.EqualTo(expected));

    [TestCase(2024, "2024-12-02")] // 1 Dec 2024 is a Sunday
    [TestCase(2025, "2025-12-01")] // a Monday
    [TestCase(2026, "2026-12-01")] // a Tuesday
    [TestCase(2029, "2029-12-03")] // 1 Dec 2029 is a Saturday
    public void First_business_day_of_December(int year, string expected) =>
        Assert.That(In("RM").NthBusinessDayOfMonth(year, 12, 1), Is.EqualTo(D(expected)));

    [TestCase(2026, 12, -1, "2026-12-31")] // the last business day of December 2026 is the 31st (not a public holiday)
    [TestCase(2026, 9, 10, "2026-09-14")] // 10th business day of September 2026 (1 September is a Tuesday)
    [TestCase(2026, 9, 14, "2026-09-21")] // 14th skips Friday 18 September and the weekend
    [TestCase(2026, 2, 20, "2026-02-27")] // February 2026 has exactly 20 business days
    public void Nth_business_day_of_month(int year, int month, int n, string expected) =>
        Assert.That(In("RM").NthBusinessDayOfMonth(year, month, n), Is.EqualTo(D(expected)));

    [Test]
    public void Nth_business_day_past_the_month_is_null() =>
        Assert.That(In("RM").NthBusinessDayOfMonth(2026, 2, 21), Is.Null);

    [TestCase("2026-09-11", 5, "2026-09-21")] // Fiestas Patrias: Fri 18 and the weekend are skipped
    [TestCase("2026-09-21", -5, "2026-09-11")] // and backwards
    [TestCase("2026-12-24", 1, "2026-12-28")] // Navidad on Friday, then the weekend
    [TestCase("2026-11-14", 0, "2026-11-14")] // zero days returns the date, even a Saturday
    [TestCase("2026-11-14", 1, "2026-11-16")] // one business day after a Saturday is Monday
    [TestCase("2028-12-29", 1, "2029-01-02")] // across the year end and Año Nuevo
    public void Add_business_days(string start, int n, string expected) =>
        Assert.That(In("RM").AddBusinessDays(D(start), n), Is.EqualTo(D(expected)));

    [TestCase("2026-11-30", "2026-12-31", 21)] // December 2026: 31 days − 8 weekend days − 8 and 25 December
    [TestCase("2026-12-31", "2026-11-30", -21)] // the same span backwards
    [TestCase("2026-09-17", "2026-09-21", 1)] // only Monday 21 counts: 18 and 19 are holidays, 20 a Sunday
    [TestCase("2026-05-01", "2026-05-01", 0)] // an empty span
    public void Count_business_days(string start, string end, int expected) =>
        Assert.That(In("RM").CountBusinessDays(D(start), D(end)), Is.EqualTo(expected));

    [TestCase("2028-12-30", "2029-01-02")] // Saturday 30 Dec 2028 rolls past Año Nuevo into the budget year
    [TestCase("2029-12-30", "2029-12-31")] // Sunday 30 Dec 2029 rolls to Monday 31 (a business day)
    [TestCase("2034-12-30", "2035-01-02")] // Saturday 30 Dec 2034, Monday 1 Jan is Año Nuevo
    [TestCase("2035-12-30", "2035-12-31")] // Sunday 30 Dec 2035
    [TestCase("2026-12-30", "2026-12-30")] // a business day stays
    public void Roll_forward_of_Ley_19880_art_25(string date, string expected) =>
        Assert.That(In("RM").RollForward(D(date)), Is.EqualTo(D(expected)));

    [TestCase("2026-09-17", "2026-09-21")] // next after Thursday 17: Fiestas Patrias weekend
    public void Next_and_previous_business_day(string date, string next)
    {
        Assert.That(In("RM").NextBusinessDay(D(date)), Is.EqualTo(D(next)));
        Assert.That(In("RM").PreviousBusinessDay(D(next)), Is.EqualTo(D(date)));
    }

    [Test]
    public void Calendar_days_count_every_day() =>
        Assert.That(BusinessCalendar.AddCalendarDays(D("2026-11-14"), 15), Is.EqualTo(D("2026-11-29")));

    [Test]
    public void Dates_outside_the_calendar_are_a_caller_mistake() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => In("RM").IsBusinessDay(D("2019-12-31")));
}
