using Focalizacion.Calendar.BusinessDays;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using NodaTime;

namespace Focalizacion.Calendar.Tests.BusinessDays;

/// <summary>
/// Properties that must hold for every region and date: random cases from a fixed seed per region,
/// so a failure names its region, date and n and reruns identically.
/// </summary>
public class BusinessDayPropertyTests
{
    private const int CasesPerRegion = 400;

    private static IEnumerable<TestCaseData> Regions() =>
        RegionRegistry.All.Select(r => new TestCaseData(r.IsoSuffix).SetArgDisplayNames(r.IsoSuffix));

    private static IEnumerable<(LocalDate Date, int N)> Cases(string region)
    {
        var random = new Random((region[0] * 256) + region[1]); // string hash codes change per process; this does not
        var first = new LocalDate(2021, 1, 1);
        for (int i = 0; i < CasesPerRegion; i++)
        {
            yield return (first.PlusDays(random.Next(0, 79 * 365)), random.Next(-90, 91));
        }
    }

    private static BusinessCalendar Calendar(string region) => HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix(region));

    [TestCaseSource(nameof(Regions))]
    public void Adding_then_subtracting_returns_to_a_business_day_start(string region)
    {
        var calendar = Calendar(region);
        foreach (var (date, n) in Cases(region))
        {
            var start = calendar.RollForward(date);
            var there = calendar.AddBusinessDays(start, n);
            Assert.That(calendar.AddBusinessDays(there, -n), Is.EqualTo(start), $"{region} {start} {n}");
        }
    }

    [TestCaseSource(nameof(Regions))]
    public void Count_is_the_inverse_of_add_from_any_day(string region)
    {
        var calendar = Calendar(region);
        foreach (var (date, n) in Cases(region))
        {
            var there = calendar.AddBusinessDays(date, n);
            Assert.That(calendar.CountBusinessDays(date, there), Is.EqualTo(n), $"{region} {date} {n}");
            if (n != 0)
            {
                Assert.That(calendar.IsBusinessDay(there), Is.True, $"{region} {date} {n} lands on {there}");
            }
        }
    }

    [TestCaseSource(nameof(Regions))]
    public void Count_agrees_with_stepping_one_business_day_at_a_time(string region)
    {
        var calendar = Calendar(region);
        foreach (var (date, n) in Cases(region))
        {
            var end = date.PlusDays(Math.Abs(n));
            int steps = 0;
            for (var day = calendar.NextBusinessDay(date); day <= end; day = calendar.NextBusinessDay(day))
            {
                steps++;
            }
            Assert.That(calendar.CountBusinessDays(date, end), Is.EqualTo(steps), $"{region} {date}..{end}");
        }
    }

    [TestCaseSource(nameof(Regions))]
    public void Roll_forward_is_the_earliest_business_day_on_or_after(string region)
    {
        var calendar = Calendar(region);
        foreach (var (date, _) in Cases(region))
        {
            var rolled = calendar.RollForward(date);
            Assert.That(calendar.IsBusinessDay(rolled), Is.True);
            Assert.That(rolled, Is.EqualTo(calendar.IsBusinessDay(date) ? date : calendar.NextBusinessDay(date)), $"{region} {date}");
            Assert.That(calendar.RollForward(rolled), Is.EqualTo(rolled));
        }
    }

    [TestCaseSource(nameof(Regions))]
    public void Nth_business_day_of_month_enumerates_the_months_business_days(string region)
    {
        var calendar = Calendar(region);
        foreach (var year in new[] { 2021, 2026, 2028, 2050, 2100 })
        {
            for (int month = 1; month <= 12; month++)
            {
                var first = new LocalDate(year, month, 1);
                var businessDays = Enumerable.Range(0, first.Calendar.GetDaysInMonth(year, month))
                    .Select(first.PlusDays).Where(calendar.IsBusinessDay).ToList();
                for (int k = 1; k <= businessDays.Count; k++)
                {
                    Assert.That(calendar.NthBusinessDayOfMonth(year, month, k), Is.EqualTo(businessDays[k - 1]), $"{region} {year}-{month} #{k}");
                    Assert.That(calendar.NthBusinessDayOfMonth(year, month, -k), Is.EqualTo(businessDays[^k]), $"{region} {year}-{month} #-{k}");
                }
                Assert.That(calendar.NthBusinessDayOfMonth(year, month, businessDays.Count + 1), Is.Null);
            }
        }
    }
}
