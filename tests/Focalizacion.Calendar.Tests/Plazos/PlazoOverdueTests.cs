using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Calendar.Regions;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Calendar.Tests.Plazos;

/// <summary>
/// When a deadline becomes overdue: the start of the next local day in the region's zone, as the
/// zone rules compute it, never midnight plus 24 hours.
/// </summary>
public class PlazoOverdueTests
{
    private static readonly OffsetDateTimePattern Iso = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>");

    private static string OverdueAt(string rule, string region, int budgetYear)
    {
        var context = new PlazoContext(HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix(region)), budgetYear, new Dictionary<string, LocalDate>(), new Dictionary<string, PlazoRule>());
        return Iso.Format(PlazoRule.Parse(rule).Value.Evaluate(context).Value.OverdueAt.ToOffsetDateTime());
    }

    [TestCase("5 de septiembre", "RM", "2026-09-06T01:00:00-03:00")] // Sat 5 Sep 2026: mainland midnight of Sunday 6 does not exist, the day starts at 01:00
    [TestCase("5 de septiembre", "NB", "2026-09-06T01:00:00-03:00")] // every America/Santiago region alike
    [TestCase("5 de septiembre", "MA", "2026-09-06T00:00:00-03:00")] // Punta Arenas has no DST: plain midnight
    [TestCase("5 de septiembre", "AI", "2026-09-06T00:00:00-03:00")] // Coyhaique has no DST since 2025
    [TestCase("4 de septiembre", "RM", "2026-09-05T00:00:00-04:00")] // the day before the gap is an ordinary winter midnight
    [TestCase("4 de abril", "RM", "2026-04-05T00:00:00-04:00")] // Sat 4 Apr 2026: 23:00–24:00 happens twice; overdue after the second
    [TestCase("3 de abril", "RM", "2026-04-04T00:00:00-03:00")] // Friday before the overlap, still summer time
    [TestCase("4 de abril", "MA", "2026-04-05T00:00:00-03:00")] // no overlap in Punta Arenas
    [TestCase("4 de abril, a las 23:30", "RM", "2026-04-04T23:30:00-04:00")] // a repeated time means its later occurrence
    [TestCase("6 de septiembre, a las 00:30", "RM", "2026-09-06T01:30:00-03:00")] // a skipped time moves forward by the gap
    [TestCase("15 de noviembre, a las 17:00", "RM", "2026-11-15T17:00:00-03:00")] // with a time of day, overdue at that time
    [TestCase("30 de junio", "RM", "2026-07-01T00:00:00-04:00")] // winter in mainland Chile: UTC−4
    [TestCase("30 de junio", "MA", "2026-07-01T00:00:00-03:00")] // Magallanes: UTC−3 all year
    [TestCase("30 de junio", "AI", "2026-07-01T00:00:00-03:00")] // Aysén: UTC−3 all year
    [TestCase("30 de diciembre", "RM", "2026-12-31T00:00:00-03:00")] // summer time
    public void Overdue_instant(string rule, string region, string expected) =>
        Assert.That(OverdueAt(rule, region, budgetYear: 2027), Is.EqualTo(expected));

    [Test]
    public void Overdue_is_from_the_start_of_the_next_day_not_before()
    {
        var context = new PlazoContext(HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix("RM")), 2027, new Dictionary<string, LocalDate>(), new Dictionary<string, PlazoRule>());
        var plazo = PlazoRule.Parse("5 de septiembre").Value.Evaluate(context).Value;
        var overdue = plazo.OverdueAt.ToInstant();
        Assert.That(plazo.IsOverdue(overdue - Duration.Epsilon), Is.False);
        Assert.That(plazo.IsOverdue(overdue), Is.True);
    }
}
