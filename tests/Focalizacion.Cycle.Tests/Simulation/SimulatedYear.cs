using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Testing;
using MimeKit;
using NodaTime.Text;

namespace Focalizacion.Cycle.Tests.Simulation;

/// <summary>
/// One scenario run through the real workflow, engine and PostgreSQL in virtual time, every message
/// delivered to a real SMTP server on loopback; what it produced, in the shapes tests compare.
/// </summary>
internal sealed class SimulatedYear
{
    private static readonly OffsetDateTimePattern Local = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<+HH:mm>");

    private SimulatedYear(SimulationResult result, IReadOnlyList<MimeMessage> received)
    {
        Result = result;
        Received = received;
    }

    public SimulationResult Result { get; }

    /// <summary>What the SMTP server received.</summary>
    public IReadOnlyList<MimeMessage> Received { get; }

    public static async Task<SimulatedYear> RunAsync(string scenarioJson, int budgetYear = 2027)
    {
        var scenario = ScenarioReader.Read(scenarioJson, budgetYear);
        Assert.That(scenario.Success, Is.True, scenario.Success ? "" : scenario.Error);
        await using var sink = await SmtpSink.StartNewAsync();
        await using var database = await TestDatabase.CreateCycleAsync();
        var mail = new MailSettings { Host = "127.0.0.1", Port = sink.Port };
        var result = await new Simulator(TestDatabase.ServerConnectionString, HolidayCalendar.RulesOnly, mail).RunAsync(database.Store, scenario.Value);
        return new SimulatedYear(result, sink.Messages());
    }

    /// <summary>"tipo hito region local-time [N° n]" for every entry of <paramref name="type"/>, in timeline order.</summary>
    public IEnumerable<string> Lines(string type, string? region = null) =>
        Result.Timeline.Where(e => e.Type == type && (region is null || e.Region.IsoSuffix == region)).Select(Line);

    public static string Line(TimelineEntry entry) =>
        $"{entry.Milestone} {entry.Region.IsoSuffix} {Local.Format(entry.At.InZone(entry.Region.Zone).ToOffsetDateTime())}"
        + (entry.Number is { } n ? $" N° {n}/{entry.NumberYear}" : "")
        + (entry.Outcome is { } o ? $" {o}" : "");

    public IEnumerable<TimelineEntry> Entries(string type, string milestone, string region) =>
        Result.Timeline.Where(e => e.Type == type && e.Milestone == milestone && e.Region.IsoSuffix == region);
}
