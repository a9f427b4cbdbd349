using Focalizacion.Calendar.Holidays;
using NodaTime;
using static Focalizacion.Calendar.Tests.Dates;

namespace Focalizacion.Calendar.Tests.Holidays;

public class NationalHolidaysTests
{
    private static IEnumerable<LocalDate> DatesOf(int year, string name) =>
        NationalHolidays.For(year).Where(h => h.Name == name).Select(h => h.Date);

    // Ley 19.668, one row per weekday of 29 June and 12 October.
    [TestCase("2026-06-29", "2026-06-29")] // Monday stays
    [TestCase("2021-06-29", "2021-06-28")] // Tuesday → Monday of that week
    [TestCase("2022-06-29", "2022-06-27")] // Wednesday → Monday of that week
    [TestCase("2023-06-29", "2023-06-26")] // Thursday → Monday of that week
    [TestCase("2029-06-29", "2029-07-02")] // Friday → following Monday (not Saturday, as Nager.Date has it)
    [TestCase("2024-06-29", "2024-06-29")] // Saturday stays
    [TestCase("2025-06-29", "2025-06-29")] // Sunday stays
    [TestCase("2029-10-12", "2029-10-15")] // Friday 12 October → following Monday
    [TestCase("2023-10-12", "2023-10-09")] // Thursday 12 October → Monday of that week
    public void Ley_19668_moves_the_holiday(string legalDate, string observed) =>
        Assert.That(NationalHolidays.MovedByLey19668(D(legalDate)), Is.EqualTo(D(observed)));

    // Ley 20.299, one row per weekday of 31 October.
    [TestCase("2022-10-31", "2022-10-31")] // Monday stays
    [TestCase("2023-10-31", "2023-10-27")] // Tuesday → previous Friday
    [TestCase("2029-10-31", "2029-11-02")] // Wednesday → following Friday
    [TestCase("2024-10-31", "2024-10-31")] // Thursday stays
    [TestCase("2025-10-31", "2025-10-31")] // Friday stays
    [TestCase("2026-10-31", "2026-10-31")] // Saturday stays
    [TestCase("2027-10-31", "2027-10-31")] // Sunday stays
    public void Ley_20299_moves_the_evangelical_churches_day(string legalDate, string observed) =>
        Assert.That(NationalHolidays.MovedByLey20299(D(legalDate)), Is.EqualTo(D(observed)));

    [TestCase(2021, "2021-06-21")] // fixed by Ley 21.357 on Monday 21 June; the solstice was 20 June 23:32 in Chile
    [TestCase(2022, "2022-06-21")]
    [TestCase(2024, "2024-06-20")] // the 20th, as decreed
    [TestCase(2025, "2025-06-20")] // solstice 02:42 UTC on the 21st is still the 20th in Chile
    [TestCase(2026, "2026-06-21")] // some published lists say 20 June 2026: the solstice is 04:24 on Sunday the 21st in Chile
    [TestCase(2028, "2028-06-20")]
    [TestCase(2046, "2046-06-21")] // solstice at 00:14 Chilean time, 14 minutes after midnight
    [TestCase(2079, "2079-06-20")] // solstice at 23:48 Chilean time, 12 minutes before midnight
    [TestCase(2100, "2100-06-21")] // 01:33 Chilean time; python-holidays' 20/21 shortcut says the 20th
    public void Pueblos_indigenas_day_is_the_solstice_day_in_Chile(int year, string expected) =>
        Assert.That(DatesOf(year, "Día Nacional de los Pueblos Indígenas"), Is.EqualTo(new[] { D(expected) }));

    [Test]
    public void Pueblos_indigenas_day_does_not_exist_before_Ley_21357() =>
        Assert.That(DatesOf(2020, "Día Nacional de los Pueblos Indígenas"), Is.Empty);

    private static IEnumerable<TestCaseData> PublishedSolstices() =>
        File.ReadLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Holidays", "Data", "june-solstices.txt"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => new TestCaseData(line.Trim()).SetArgDisplayNames(line.Trim()));

    [TestCaseSource(nameof(PublishedSolstices))]
    public void Solstice_agrees_with_an_independent_table_to_the_minute_and_to_the_day(string published)
    {
        var expected = NodaTime.Text.InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm'Z'").Parse(published).Value;
        var computed = JuneSolstice.Of(expected.InUtc().Year);
        Assert.Multiple(() =>
        {
            // The reference is rounded to the minute and uses its own ΔT extrapolation: 3 minutes is the honest bound.
            Assert.That(Math.Abs((computed - expected).TotalMinutes), Is.LessThanOrEqualTo(3));
            Assert.That(computed.InZone(ChileanTime.Mainland).Date, Is.EqualTo(expected.InZone(ChileanTime.Mainland).Date));
        });
    }

    [Test]
    public void No_solstice_of_2022_to_2100_is_closer_to_Chilean_midnight_than_the_algorithm_can_resolve()
    {
        // Meeus' method plus ΔT is good to about a minute; a 10-minute margin keeps every date safe.
        for (int year = 2022; year <= 2100; year++)
        {
            var local = JuneSolstice.Of(year).InZone(ChileanTime.Mainland).TimeOfDay;
            var minutesFromMidnight = Math.Min(local.Hour * 60 + local.Minute, (24 * 60) - (local.Hour * 60 + local.Minute));
            Assert.That(minutesFromMidnight, Is.GreaterThanOrEqualTo(10), $"solstice of {year}");
        }
    }

    [TestCase(2023, true)] // 1 January 2023 was a Sunday: Monday 2 January is a holiday (Ley 20.983)
    [TestCase(2034, true)] // next Sunday New Year
    [TestCase(2028, false)] // a Saturday New Year gives nothing
    [TestCase(2024, false)] // a Monday New Year gives nothing
    public void Second_of_January_follows_a_Sunday_new_year(int year, bool holiday) =>
        Assert.That(DatesOf(year, "Feriado adicional de Año Nuevo").Any(), Is.EqualTo(holiday));

    [TestCase(2029, "2029-09-17")] // 18 Sep Tuesday → Monday 17 (Ley 20.215)
    [TestCase(2021, "2021-09-17")] // 18 Sep Saturday → Friday 17 (Ley 20.983)
    [TestCase(2027, "2027-09-17")] // 18 Sep Saturday again
    [TestCase(2024, "2024-09-20")] // 18 Sep Wednesday → Friday 20 (Ley 20.215)
    [TestCase(2030, "2030-09-20")] // 18 Sep Wednesday
    [TestCase(2025, null)] // 18 Sep Thursday: 19 is already a holiday, no bridge
    [TestCase(2023, null)] // 18 Sep Monday: no bridge
    [TestCase(2022, null)] // 18 Sep Sunday: no rule bridge (16 Sep 2022 came from a special law)
    [TestCase(2026, null)] // 18 Sep Friday: no bridge
    public void September_bridges(int year, string? bridge) =>
        Assert.That(DatesOf(year, "Feriado adicional de Fiestas Patrias"), Is.EqualTo(bridge is null ? Array.Empty<LocalDate>() : new[] { D(bridge) }));

    [TestCase(2024, "2024-03-31")]
    [TestCase(2025, "2025-04-20")]
    [TestCase(2026, "2026-04-05")]
    [TestCase(2038, "2038-04-25")] // the latest possible Easter
    [TestCase(2100, "2100-03-28")] // a century year that is not a leap year
    public void Easter_sunday(int year, string expected) => Assert.That(Easter.Sunday(year), Is.EqualTo(D(expected)));

    [Test]
    public void Holy_saturday_not_easter_sunday_is_the_holiday()
    {
        // date-holidays lists Easter Sunday; the law says Viernes Santo and Sábado Santo.
        var april2026 = NationalHolidays.For(2026).Select(h => h.Date).ToList();
        Assert.That(april2026, Does.Contain(D("2026-04-03")).And.Contain(D("2026-04-04")).And.Not.Contain(D("2026-04-05")));
    }

    private static readonly object[] FullYears =
    [
        // 2024 by rule (elections of 9 Jun, 26–27 Oct and 24 Nov are data, not rules).
        new object[] { 2024, new[] { "2024-01-01", "2024-03-29", "2024-03-30", "2024-05-01", "2024-05-21", "2024-06-20", "2024-06-29",
            "2024-07-16", "2024-08-15", "2024-09-18", "2024-09-19", "2024-09-20", "2024-10-12", "2024-10-31", "2024-11-01", "2024-12-08", "2024-12-25" } },
        // 2026: the calendar the first live cycle runs on.
        new object[] { 2026, new[] { "2026-01-01", "2026-04-03", "2026-04-04", "2026-05-01", "2026-05-21", "2026-06-21", "2026-06-29",
            "2026-07-16", "2026-08-15", "2026-09-18", "2026-09-19", "2026-10-12", "2026-10-31", "2026-11-01", "2026-12-08", "2026-12-25" } },
        // 2023: Sunday New Year, Tuesday 31 October, Thursday 12 October.
        new object[] { 2023, new[] { "2023-01-01", "2023-01-02", "2023-04-07", "2023-04-08", "2023-05-01", "2023-05-21", "2023-06-21", "2023-06-26",
            "2023-07-16", "2023-08-15", "2023-09-18", "2023-09-19", "2023-10-09", "2023-10-27", "2023-11-01", "2023-12-08", "2023-12-25" } },
    ];

    [TestCaseSource(nameof(FullYears))]
    public void Whole_year_by_rule(int year, string[] expected) =>
        Assert.That(NationalHolidays.For(year).Select(h => h.Date), Is.EqualTo(expected.Select(D)));

    [Test]
    public void Every_year_has_plausible_distinct_holidays_with_name_and_basis()
    {
        for (int year = 2021; year <= 2100; year++)
        {
            var holidays = NationalHolidays.For(year).ToList();
            Assert.That(holidays, Has.Count.InRange(16, 18), $"{year}");
            Assert.That(holidays.Select(h => h.Date), Is.Unique.And.Ordered, $"{year}");
            Assert.That(holidays.All(h => h.Date.Year == year && h.Name.Length > 0
                && (h.LegalBasis.StartsWith("Ley", StringComparison.Ordinal) || h.LegalBasis.StartsWith("Código", StringComparison.Ordinal))), $"{year}");
        }
    }

    [Test]
    public void December_31_is_not_a_holiday_for_public_services() =>
        Assert.That(NationalHolidays.For(2026).Select(h => h.Date), Does.Not.Contain(D("2026-12-31")));
}
