using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Starting;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Plan;

/// <summary>
/// An administrator publishes a version whose final focalización is due on 29 December instead of
/// 30: every consumer of that deadline follows it for that version's instances (the timer, the
/// reminders counting from it, the email text, <c>ciclo estado</c>, the start-up flags), and none
/// of them changes for an instance pinned to the shipped version.
/// </summary>
public class DeadlinesFromTheDefinitionTests
{
    private static readonly Region Nuble = RegionRegistry.ByIsoSuffix("NB");
    private static readonly Region Metropolitana = RegionRegistry.ByIsoSuffix("RM");

    private static string VersionDueOn29December()
    {
        const string shipped = """language="plazo">30 de diciembre</bpmn:timeDate>""";
        var xml = System.Text.Encoding.UTF8.GetString(ShippedWorkflow.Bpmn.Span);
        Assert.That(xml, Does.Contain(shipped), "the shipped VenceFinal rule");
        return xml.Replace(shipped, """language="plazo">29 de diciembre</bpmn:timeDate>""", StringComparison.Ordinal);
    }

    private static async Task<(EngineRuntime Runtime, VirtualClock Clock)> PrepareAsync(TestDatabase database, SmtpSink sink, Instant now)
    {
        var clock = new VirtualClock(now);
        var runtime = CycleRuntime.Create(database.Store, clock, HolidayCalendar.RulesOnly, new MailSettings { Host = "127.0.0.1", Port = sink.Port });
        await CycleBootstrap.PrepareAsync(runtime, Actor.Cli("prueba"));
        return (runtime, clock);
    }

    private static async Task PublishAsync(EngineRuntime runtime, string xml)
    {
        var (draft, result) = await runtime.Definitions.ImportAsync(xml, Actor.Cli("prueba"));
        Assert.That(draft, Is.Not.Null, string.Join("; ", result.Problems));
        await runtime.Definitions.PublishAsync(draft!.Id, Actor.Cli("prueba"));
    }

    [Test]
    public async Task A_new_version_moves_the_deadline_everywhere_for_its_instances_and_nowhere_for_the_old_ones()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var database = await TestDatabase.CreateCycleAsync();
        // Tuesday 1 December 2026, mainland summer time (UTC−3).
        var (runtime, clock) = await PrepareAsync(database, sink, Instant.FromUtc(2026, 12, 1, 15, 0));
        var starter = new CycleStarter(runtime, HolidayCalendar.RulesOnly);
        await starter.StartAsync(2027, Nuble, new Dictionary<string, LocalDate>(), Actor.Cli("prueba")); // shipped version
        await PublishAsync(runtime, VersionDueOn29December());
        await starter.StartAsync(2027, Metropolitana, new Dictionary<string, LocalDate>(), Actor.Cli("prueba")); // the 29 December version

        var timers = await TimersAsync(database);
        var standings = new CycleStandings(runtime, HolidayCalendar.RulesOnly);
        var nuble = (await standings.ReadAsync(Nuble, 2027)).Milestones.Single(m => m.Milestone.Key == "focalizacion-final");
        var metropolitana = (await standings.ReadAsync(Metropolitana, 2027)).Milestones.Single(m => m.Milestone.Key == "focalizacion-final");
        // 14 days before each deadline, at nine: the reminder email says which day is due.
        await new VirtualTimeDriver(clock, runtime.Timers, runtime.Outbox).RunUntilAsync(Instant.FromUtc(2026, 12, 16, 13, 0));
        var reminders = sink.Messages().Where(m => m.Subject is { } subject && subject.StartsWith("Recordatorio", StringComparison.Ordinal) && subject.Contains("final", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(timers[("NB", "VenceFinal")], Is.EqualTo(Instant.FromUtc(2026, 12, 31, 3, 0)), "shipped: overdue at the end of 30 December");
            Assert.That(timers[("RM", "VenceFinal")], Is.EqualTo(Instant.FromUtc(2026, 12, 30, 3, 0)), "new version: at the end of 29 December");
            Assert.That(timers[("NB", "RecordatoriosFinal")], Is.EqualTo(Instant.FromUtc(2026, 12, 16, 12, 0)), "14 days before 30 December, at nine");
            Assert.That(timers[("RM", "RecordatoriosFinal")], Is.EqualTo(Instant.FromUtc(2026, 12, 15, 12, 0)), "14 days before 29 December, at nine");
            Assert.That(nuble.Deadline!.Date, Is.EqualTo(new LocalDate(2026, 12, 30)), "ciclo estado, shipped version");
            Assert.That(metropolitana.Deadline!.Date, Is.EqualTo(new LocalDate(2026, 12, 29)), "ciclo estado, new version");
            Assert.That(reminders.Select(m => m.TextBody), Has.Exactly(1).Contains("miércoles 30 de diciembre de 2026").And.Exactly(1).Contains("martes 29 de diciembre de 2026"));
        });
    }

    [Test]
    public async Task Several_regions_read_at_once_each_show_their_own_cycle_and_version()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var database = await TestDatabase.CreateCycleAsync();
        var (runtime, _) = await PrepareAsync(database, sink, Instant.FromUtc(2026, 12, 1, 15, 0));
        var starter = new CycleStarter(runtime, HolidayCalendar.RulesOnly);
        var nuble = await starter.StartAsync(2027, Nuble, new Dictionary<string, LocalDate>(), Actor.Cli("prueba")); // shipped version
        await PublishAsync(runtime, VersionDueOn29December());
        var metropolitana = await starter.StartAsync(2027, Metropolitana, new Dictionary<string, LocalDate>(), Actor.Cli("prueba")); // the 29 December version
        var atacama = RegionRegistry.ByIsoSuffix("AT"); // no cycle: the version it would start with

        // One read of three regions, as the API lists them, in the order asked.
        var together = await new CycleStandings(runtime, HolidayCalendar.RulesOnly).ReadAsync([Metropolitana, atacama, Nuble], 2027);
        LocalDate? FinalDue(RegionStanding standing) => standing.Milestones.Single(m => m.Milestone.Key == "focalizacion-final").Deadline?.Date;
        Assert.Multiple(() =>
        {
            Assert.That(together.Select(s => s.Region), Is.EqualTo(new[] { Metropolitana, atacama, Nuble }));
            Assert.That(together.Select(s => s.InstanceId), Is.EqualTo(new Guid?[] { metropolitana.InstanceId, null, nuble.InstanceId }));
            Assert.That(together.Select(FinalDue), Is.EqualTo(new LocalDate?[] { new(2026, 12, 29), new(2026, 12, 29), new(2026, 12, 30) }));
        });
    }

    [Test]
    public async Task The_start_up_flags_count_from_the_version_the_cycle_starts_with()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var database = await TestDatabase.CreateCycleAsync();
        // Wednesday 30 December 2026 at noon: past 29 December, not past 30 December.
        var (runtime, _) = await PrepareAsync(database, sink, Instant.FromUtc(2026, 12, 30, 15, 0));
        var starter = new CycleStarter(runtime, HolidayCalendar.RulesOnly);
        var onShipped = await starter.StartAsync(2027, Nuble, new Dictionary<string, LocalDate>(), Actor.Cli("prueba"));
        await PublishAsync(runtime, VersionDueOn29December());
        var onNew = await starter.StartAsync(2027, Metropolitana, new Dictionary<string, LocalDate>(), Actor.Cli("prueba"));
        var standing = await new CycleStandings(runtime, HolidayCalendar.RulesOnly).ReadAsync(Metropolitana, 2027);
        Assert.Multiple(() =>
        {
            Assert.That(onShipped.OverdueWithoutRecord, Does.Not.Contain("focalizacion-final"));
            Assert.That(onNew.OverdueWithoutRecord, Does.Contain("focalizacion-final"));
            Assert.That(standing.Milestones.Single(m => m.Milestone.Key == "focalizacion-final").FlaggedAtStart, Is.True);
        });
    }

    private static async Task<Dictionary<(string Region, string Node), Instant>> TimersAsync(TestDatabase database)
    {
        await using var db = database.Store.Open();
        var rows = db.Timers.Join(db.Instances, t => t.InstanceId, i => i.Id, (t, i) => new { i.CorrelationKey, t.NodeId, t.DueAt, t.State })
            .Where(t => t.State == Runtime.Persistence.TimerState.Pending).ToList();
        return rows.ToDictionary(r => (r.CorrelationKey![..2], r.NodeId), r => r.DueAt);
    }
}
