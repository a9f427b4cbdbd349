using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Handlers;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Handlers;

public sealed class CycleRecordsTests
{
    private static readonly Instant Dec31 = Instant.FromUtc(2026, 12, 31, 12, 0);

    // Each combination of filters is its own statement (an absent one is left out, not sent as null).
    [TestCase(null, null, new[] { "BI/2027", "NB/2026", "NB/2027" })]  // no filter: every outcome
    [TestCase("NB", null, new[] { "NB/2026", "NB/2027" })]             // region only: both of its years
    [TestCase(null, 2027, new[] { "BI/2027", "NB/2027" })]             // year only: both regions
    [TestCase("NB", 2027, new[] { "NB/2027" })]                        // both: the one row, the parameters numbered in order
    [TestCase("AP", null, new string[0])]                              // a region without outcomes: none, not every one
    public async Task Outcomes_are_filtered_by_the_filters_given_only(string? region, int? year, string[] expected)
    {
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings(), Dec31);
        await fixture.Records.RecordOutcomeAsync("NB", 2026, CycleOutcomes.Final, Dec31, "semilla");
        await fixture.Records.RecordOutcomeAsync("NB", 2027, CycleOutcomes.Final, Dec31, "semilla");
        await fixture.Records.RecordOutcomeAsync("BI", 2027, CycleOutcomes.Final, Dec31, "semilla");

        var outcomes = await fixture.Records.OutcomesAsync(region, year);

        Assert.That(outcomes.Select(o => $"{o.Region}/{o.BudgetYear}").Order(), Is.EqualTo(expected));
    }

    [TestCase(null, new[] { "BI/2027", "NB/2027" })]  // every region's outcomes of the year (the list of every region's standing)
    [TestCase("NB", new[] { "NB/2027" })]             // one region's (a region's standing)
    public async Task A_standing_reads_the_outcomes_of_its_year_and_region(string? region, string[] expected)
    {
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings(), Dec31);
        await fixture.Records.RecordOutcomeAsync("NB", 2026, CycleOutcomes.Final, Dec31, "semilla");
        await fixture.Records.RecordOutcomeAsync("NB", 2027, CycleOutcomes.Final, Dec31, "semilla");
        await fixture.Records.RecordOutcomeAsync("BI", 2027, CycleOutcomes.Final, Dec31, "semilla");

        var (oficios, outcomes) = await fixture.Records.StandingRecordsAsync(region, 2027);

        Assert.That(oficios, Is.Empty);
        Assert.That(outcomes.Select(o => $"{o.Region}/{o.BudgetYear}").Order(), Is.EqualTo(expected));
    }
}
