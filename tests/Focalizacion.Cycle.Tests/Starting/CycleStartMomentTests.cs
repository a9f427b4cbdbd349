using Focalizacion.Cycle.Starting;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Starting;

public class CycleStartMomentTests
{
    [TestCase(null, 1, 1, 0, 0, TestName = "Unset: 1 January at 00:00")]
    [TestCase("   ", 1, 1, 0, 0, TestName = "Blank is unset too (an empty line in an env file)")]
    [TestCase("01-02 09:30", 1, 2, 9, 30, TestName = "Month-day and time: 2 January at 09:30")]
    [TestCase("  02-29   08:00 ", 2, 29, 8, 0, TestName = "Spaces around and between are tolerated; 29 February is a day of the year")]
    public void A_moment_reads_month_day_and_mainland_time(string? text, int month, int day, int hour, int minute)
    {
        var moment = CycleStartMoment.Parse(text);
        Assert.That(moment.Success, Is.True, moment.Error);
        Assert.That(moment.Value, Is.EqualTo(new CycleStartMoment(new AnnualDate(month, day), new LocalTime(hour, minute))));
    }

    [TestCase("1 de enero", TestName = "Words are not the format")]
    [TestCase("13-01 00:00", TestName = "No month 13")]
    [TestCase("02-30 00:00", TestName = "No 30 February in any year")]
    [TestCase("01-01", TestName = "The time is required: midnight is a choice to write down")]
    [TestCase("01-01 24:00", TestName = "24:00 is the next day's 00:00")]
    [TestCase("01-01T00:00", TestName = "One space between day and time, not ISO's T")]
    public void Anything_else_is_refused_naming_the_variable_and_the_expected_form(string text)
    {
        var moment = CycleStartMoment.Parse(text);
        Assert.Multiple(() =>
        {
            Assert.That(moment.Success, Is.False);
            Assert.That(moment.Error, Does.StartWith("FOCALIZACION_CICLOS_INICIO: «" + text + "»").And.Contain("«01-01 00:00»"));
        });
    }

    [TestCase("01-01 00:00", 2028, "2027-01-01T03:00:00Z", TestName = "Budget year 2028 starts on 1 January 2027, mainland summer time (UTC−3)")]
    [TestCase("07-01 00:00", 2028, "2027-07-01T04:00:00Z", TestName = "Winter time (UTC−4): the zone's rules, not a fixed offset")]
    [TestCase("09-06 00:30", 2027, "2026-09-06T04:00:00Z", TestName = "Inside the spring-forward gap of 6 September 2026: the first instant after it")]
    public void The_moment_of_a_budget_year_falls_in_the_year_before_it(string text, int budgetYear, string expected)
    {
        Assert.That(CycleStartMoment.Parse(text).Value.For(budgetYear), Is.EqualTo(NodaTime.Text.InstantPattern.General.Parse(expected).Value));
    }

    [TestCase("01-01 00:00", "2026-12-31T23:59:59-03:00", 2027, TestName = "The last second of 2026: still budget year 2027")]
    [TestCase("01-01 00:00", "2027-01-01T00:00:00-03:00", 2028, TestName = "Midnight of 1 January 2027: budget year 2028 is due")]
    [TestCase("01-01 00:00", "2026-06-15T12:00:00-04:00", 2027, TestName = "Mid-year")]
    [TestCase("01-02 09:00", "2027-01-02T08:59:00-03:00", 2027, TestName = "A later moment: the new year is not due before it")]
    [TestCase("01-02 09:00", "2027-01-02T09:00:00-03:00", 2028, TestName = "A later moment: due at it")]
    public void The_year_due_is_the_latest_whose_moment_passed(string text, string now, int expected)
    {
        var instant = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(now).Value.ToInstant();
        Assert.That(CycleStartMoment.Parse(text).Value.BudgetYearDueAt(instant), Is.EqualTo(expected));
    }

    [Test]
    public void Messages_say_the_moment_in_Spanish_with_its_year()
    {
        Assert.That(CycleStartMoment.Default.Describe(2028), Is.EqualTo("1 de enero de 2027 a las 00:00 (hora continental)"));
    }
}
