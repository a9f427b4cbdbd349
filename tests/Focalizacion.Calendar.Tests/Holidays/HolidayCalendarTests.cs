using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using static Focalizacion.Calendar.Tests.Dates;

namespace Focalizacion.Calendar.Tests.Holidays;

public class HolidayCalendarTests
{
    private static HolidayCalendar With(string lines) => HolidayCalendar.Create(SpecialHolidayFile.Parse(lines, "test.csv"));

    [TestCase("AP", "2026-06-07", true)] // Asalto y Toma del Morro de Arica, Arica y Parinacota only (Ley 20.663)
    [TestCase("TA", "2026-06-07", false)] // the neighbouring region works
    [TestCase("NB", "2026-08-20", true)] // Ley 20.768: GORE Ñuble sits in Chillán
    [TestCase("BI", "2026-08-20", false)] // not in Biobío
    public void Regional_holidays_apply_only_to_their_region(string region, string date, bool listed) =>
        Assert.That(HolidayCalendar.RulesOnly.For(2026, RegionRegistry.ByIsoSuffix(region)).Any(h => h.Date == D(date)), Is.EqualTo(listed));

    [Test]
    public void Without_a_region_only_national_holidays_are_listed() =>
        Assert.That(HolidayCalendar.RulesOnly.For(2026).All(h => h.Scope == HolidayScope.National), Is.True);

    [Test]
    public void An_added_holiday_appears_in_its_scope_and_a_removed_one_disappears()
    {
        var calendar = With("agregar;2026-03-02;nacional;Feriado por ley especial;Ley 99.999\nquitar;2026-07-16;nacional;Corrección;Ley 99.998\n"
            + "agregar;2026-03-03;regional:MA;Feriado magallánico;Ley 99.997");
        var dates = calendar.For(2026).Select(h => h.Date).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(dates, Does.Contain(D("2026-03-02")).And.Not.Contain(D("2026-07-16")).And.Not.Contain(D("2026-03-03")));
            Assert.That(calendar.For(2026, RegionRegistry.ByIsoSuffix("MA")).Select(h => h.Date), Does.Contain(D("2026-03-03")));
            Assert.That(calendar.BusinessDays(RegionRegistry.ByIsoSuffix("RM")).IsBusinessDay(D("2026-03-02")), Is.False);
            Assert.That(calendar.BusinessDays(RegionRegistry.ByIsoSuffix("RM")).IsBusinessDay(D("2026-07-16")), Is.True);
            Assert.That(calendar.BusinessDays(RegionRegistry.ByIsoSuffix("RM")).IsBusinessDay(D("2026-03-03")), Is.True);
            Assert.That(calendar.BusinessDays(RegionRegistry.ByIsoSuffix("MA")).IsBusinessDay(D("2026-03-03")), Is.False);
        });
    }

    [Test]
    public void Two_holidays_on_one_day_are_both_listed()
    {
        // An election on San Pedro y San Pablo (Sunday 29 June 2025).
        var calendar = With("agregar;2025-06-29;nacional;Elecciones primarias;Ley 18.700");
        Assert.That(calendar.For(2025).Count(h => h.Date == D("2025-06-29")), Is.EqualTo(2));
    }

    [TestCase(2019)] // before the rules this calendar implements
    [TestCase(2102)] // past the last year
    public void Years_outside_the_calendar_are_a_caller_mistake(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HolidayCalendar.RulesOnly.For(year));
}
