using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Calendar.Regions;
using NodaTime;
using static Focalizacion.Calendar.Tests.Dates;

namespace Focalizacion.Calendar.Tests.Plazos;

public class PlazoEvaluationTests
{
    private static readonly Dictionary<string, PlazoRule> CyclePlazos = new()
    {
        ["focalizacion-final"] = Rule("30 de diciembre"),
        ["montos-preliminares"] = Rule("primer día hábil de diciembre"),
        ["circular-a"] = Rule("1 día antes del plazo circular-b"),
        ["circular-b"] = Rule("1 día antes del plazo circular-a"),
    };

    private static PlazoRule Rule(string text) => PlazoRule.Parse(text).Value;

    private static Result<Plazo> Evaluate(string rule, int budgetYear = 2027, string region = "RM", Dictionary<string, LocalDate>? events = null) =>
        Rule(rule).Evaluate(new PlazoContext(
            HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix(region)), budgetYear, events ?? [], CyclePlazos));

    [TestCase("15 de marzo", 2027, "2026-03-15")] // fixed days fall in the cycle year, Y−1
    [TestCase("31 de marzo del año presupuestario", 2027, "2027-03-31")] // unless the rule says the budget year
    [TestCase("primer día hábil de diciembre", 2030, "2029-12-03")] // 1 Dec 2029 is a Saturday
    [TestCase("último día hábil de diciembre", 2029, "2028-12-29")] // 30 and 31 Dec 2028 are a weekend
    [TestCase("7 días antes del plazo focalizacion-final", 2027, "2026-12-23")] // reminder a week before the final
    [TestCase("2 días hábiles antes del plazo focalizacion-final", 2027, "2026-12-28")] // Wed 30 → Tue 29 → Mon 28
    [TestCase("1 día hábil después del plazo montos-preliminares", 2027, "2026-12-02")]
    [TestCase("0 días antes del plazo focalizacion-final", 2027, "2026-12-30")] // the day itself
    public void Evaluates_to_the_day(string rule, int budgetYear, string expected) =>
        Assert.That(Evaluate(rule, budgetYear).Value.Date, Is.EqualTo(D(expected)));

    [TestCase("2026-11-16", "2026-12-01")] // received Monday: counting starts Tuesday, day 15 is 1 December
    [TestCase("2026-11-14", "2026-11-29")] // received Saturday: calendar days count from the real date; day 15 is a Sunday
    public void Fifteen_calendar_days_from_reception(string received, string expected)
    {
        var plazo = Evaluate("15 días corridos desde el evento recibida", events: new() { ["recibida"] = D(received) });
        Assert.That(plazo.Value.Date, Is.EqualTo(D(expected)));
    }

    [Test]
    public void Business_days_from_an_event_on_a_non_business_day_start_from_the_next_business_day()
    {
        // Received Saturday 12 Sep 2026 counts as received Monday 14 (Ley 19.880 art. 25); 10 business
        // days later, skipping Fiestas Patrias, is Tuesday 29 (counting from the Saturday would give Monday 28).
        var plazo = Evaluate("10 días hábiles desde el evento recibida", events: new() { ["recibida"] = D("2026-09-12") });
        Assert.That(plazo.Value.Date, Is.EqualTo(D("2026-09-29")));
    }

    [Test]
    public void Roll_forward_is_applied_only_when_the_rule_asks_and_both_dates_are_kept()
    {
        var plain = Evaluate("15 de noviembre").Value; // Sunday 15 Nov 2026
        var rolled = Evaluate("15 de noviembre, prorrogable").Value;
        Assert.Multiple(() =>
        {
            Assert.That(plain.Date, Is.EqualTo(D("2026-11-15")));
            Assert.That(plain.AlternativeDate, Is.EqualTo(D("2026-11-16")));
            Assert.That(rolled.Date, Is.EqualTo(D("2026-11-16")));
            Assert.That(rolled.AlternativeDate, Is.EqualTo(D("2026-11-15")));
            Assert.That(plain.RollForwardMovesDate && rolled.RollForwardMovesDate, Is.True);
            Assert.That(Evaluate("16 de noviembre").Value.RollForwardMovesDate, Is.False);
        });
    }

    [TestCase("15 días corridos desde el evento no-registrado", "falta la fecha del evento «no-registrado»")]
    [TestCase("7 días antes del plazo no-existe", "no existe el plazo «no-existe»")]
    [TestCase("1 día antes del plazo circular-a", "se refiere a sí mismo")]
    [TestCase("23° día hábil de febrero", "febrero de 2026 no tiene 23 días hábiles")]
    public void Expected_failures_are_results_with_a_spanish_reason(string rule, string reason)
    {
        var result = Evaluate(rule);
        Assert.That(result.Success, Is.False);
        Assert.That(result.Error, Does.Contain(reason));
    }

    [Test]
    public void Evaluation_is_pure()
    {
        var first = Evaluate("2 días hábiles antes del plazo focalizacion-final").Value;
        var second = Evaluate("2 días hábiles antes del plazo focalizacion-final").Value;
        Assert.That(second, Is.EqualTo(first));
    }
}
