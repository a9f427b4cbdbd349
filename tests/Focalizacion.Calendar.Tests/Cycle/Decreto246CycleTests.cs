using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using NodaTime;
using NodaTime.Text;
using static Focalizacion.Calendar.Tests.Dates;

namespace Focalizacion.Calendar.Tests.Cycle;

public class Decreto246CycleTests
{
    private static readonly OffsetDateTimePattern Iso = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>");

    private static IReadOnlyList<CycleDeadline> Deadlines(int budgetYear, string region, LocalDate? preliminaryReceived = null)
    {
        var events = new Dictionary<string, LocalDate>();
        if (preliminaryReceived is { } received)
        {
            events[Decreto246Cycle.PreliminaryReceivedEvent] = received;
        }
        return Decreto246Cycle.Deadlines(HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix(region)), budgetYear, events);
    }

    private static CycleDeadline Milestone(IReadOnlyList<CycleDeadline> deadlines, string key) => deadlines.Single(d => d.Milestone.Key == key);

    [Test]
    public void Budget_year_2027_in_Nuble_to_the_day()
    {
        var deadlines = Deadlines(2027, "NB", D("2026-11-14"));
        var rows = deadlines.Select(d => (d.Milestone.Key, Json: LocalDatePattern.Iso.Format(d.Plazo.Date), Overdue: Iso.Format(d.Plazo.OverdueAt.ToOffsetDateTime())));
        Assert.That(rows, Is.EqualTo(new[]
        {
            ("oficio-inicio", "2026-03-15", "2026-03-16T00:00:00-03:00"), // Sunday; summer time until 4 April
            ("presupuesto-exploratorio", "2026-06-30", "2026-07-01T00:00:00-04:00"), // winter time
            ("focalizacion-preliminar", "2026-11-15", "2026-11-16T00:00:00-03:00"), // Sunday, not rolled forward by default
            ("observaciones-sercotec", "2026-11-29", "2026-11-30T00:00:00-03:00"), // 15 días corridos from Saturday 14
            ("montos-preliminares", "2026-12-01", "2026-12-02T00:00:00-03:00"), // first business day of December (Reglamento, not the guide's 30 Nov)
            ("focalizacion-final", "2026-12-30", "2026-12-31T00:00:00-03:00"),
        }));
    }

    [Test]
    public void Legal_windows_open_on_1_March_and_16_June()
    {
        var deadlines = Deadlines(2027, "RM");
        Assert.Multiple(() =>
        {
            Assert.That(Milestone(deadlines, "oficio-inicio").WindowStart?.Date, Is.EqualTo(D("2026-03-01")));
            Assert.That(Milestone(deadlines, "presupuesto-exploratorio").WindowStart?.Date, Is.EqualTo(D("2026-06-16")));
            Assert.That(Milestone(deadlines, "focalizacion-final").WindowStart, Is.Null);
        });
    }

    [Test]
    public void Observaciones_exist_only_once_the_preliminary_is_received() =>
        Assert.That(Deadlines(2027, "RM").Select(d => d.Milestone.Key), Does.Not.Contain("observaciones-sercotec"));

    [TestCase(2029, "2028-12-30", "2029-01-02")] // Saturday: rolling would cross into the budget year and Año Nuevo
    [TestCase(2030, "2029-12-30", "2029-12-31")] // Sunday
    [TestCase(2035, "2034-12-30", "2035-01-02")] // Saturday
    [TestCase(2036, "2035-12-30", "2035-12-31")] // Sunday
    public void Final_on_a_weekend_keeps_30_December_and_shows_the_rolled_date(int budgetYear, string date, string rolled)
    {
        var final = Milestone(Deadlines(budgetYear, "RM"), "focalizacion-final").Plazo;
        Assert.Multiple(() =>
        {
            Assert.That(final.Date, Is.EqualTo(D(date)));
            Assert.That(final.RollForward, Is.False);
            Assert.That(final.AlternativeDate, Is.EqualTo(D(rolled)));
        });
    }

    [TestCase(2025, "2024-12-02")]
    [TestCase(2026, "2025-12-01")]
    [TestCase(2027, "2026-12-01")]
    [TestCase(2030, "2029-12-03")]
    public void Montos_preliminares_on_the_first_business_day_of_December(int budgetYear, string expected) =>
        Assert.That(Milestone(Deadlines(budgetYear, "RM"), "montos-preliminares").Plazo.Date, Is.EqualTo(D(expected)));

    [Test]
    public void Every_region_and_budget_year_evaluates_with_the_overdue_instant_after_the_day()
    {
        foreach (var region in RegionRegistry.All)
        {
            for (int budgetYear = 2021; budgetYear <= HolidayCalendar.LastYear; budgetYear++)
            {
                var deadlines = Deadlines(budgetYear, region.IsoSuffix, new LocalDate(budgetYear - 1, 12, 28));
                Assert.That(deadlines, Has.Count.EqualTo(6), $"{region.IsoSuffix} {budgetYear}");
                foreach (var d in deadlines)
                {
                    var overdue = d.Plazo.OverdueAt;
                    Assert.That(overdue.Date, Is.EqualTo(d.Plazo.Date.PlusDays(1)), $"{region.IsoSuffix} {budgetYear} {d.Milestone.Key}");
                    Assert.That(overdue.TimeOfDay, Is.LessThanOrEqualTo(new LocalTime(1, 0)));
                }
            }
        }
    }

    [Test]
    public void Shipped_rules_read_as_the_law_writes_them() =>
        Assert.That(Decreto246Cycle.Milestones.Select(m => m.Rule.ToString()), Is.EqualTo(new[]
        {
            "15 de marzo", "30 de junio", "15 de noviembre", "15 días corridos desde el evento focalizacion-preliminar-recibida",
            "primer día hábil de diciembre", "30 de diciembre",
        }));
}
