using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Starting;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.VirtualTime;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Focalizacion.Cycle.Simulation;

/// <summary>
/// Runs a scenario through the real shipped workflow, engine, handlers and PostgreSQL store in
/// virtual time, from 1 January of the cycle year to the end of January of the budget year, and
/// returns the timeline. The database is a throwaway one; the real data is never touched.
/// </summary>
/// <remarks>
/// Messages go where <paramref name="mail"/> says: a real SMTP server, or a pickup folder. Scenario
/// events are delivered at their instants; between them the clock jumps to the next due timer or
/// retry, so a whole year takes seconds.
/// </remarks>
public sealed class Simulator(string serverConnectionString, HolidayCalendar calendar, MailSettings mail)
{
    public const string Actor = "simulacion";

    public async Task<SimulationResult> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var database = await ThrowawayDatabase.CreateAsync(serverConnectionString, "simulacion", cancellationToken);
        return await RunAsync(database.Store, scenario, cancellationToken);
    }

    /// <summary>Runs on a given, migrated and empty store (tests keep it to look inside afterwards).</summary>
    public async Task<SimulationResult> RunAsync(Store store, Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scenario);
        var start = new LocalDate(scenario.BudgetYear - 1, 1, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant();
        var end = new LocalDate(scenario.BudgetYear, 2, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant();
        var clock = new FakeClock(start);
        var runtime = CycleRuntime.Create(store, clock, calendar, mail);
        var records = new CycleRecords(store);
        await DirectorySeed.SeedAsync(store, cancellationToken);
        await ShippedWorkflow.PublishAsync(store, runtime.Definitions, Actor, cancellationToken);
        foreach (var region in scenario.WithPreviousFocalizacion)
        {
            await records.RecordOutcomeAsync(region.IsoSuffix, scenario.BudgetYear - 1, CycleOutcomes.Final, start, "escenario", cancellationToken);
        }
        var starter = new CycleStarter(runtime, calendar);
        foreach (var region in scenario.Regions)
        {
            await starter.StartAsync(scenario.BudgetYear, region, new Dictionary<string, LocalDate>(), Actor, cancellationToken);
        }
        var driver = new VirtualTimeDriver(clock, runtime.Timers, runtime.Outbox);
        var recorder = new CycleEventRecorder(runtime.Instances, new DeclaredConformity());
        var timeline = new List<TimelineEntry>();
        foreach (var scenarioEvent in scenario.Events)
        {
            await driver.RunUntilAsync(scenarioEvent.At, cancellationToken);
            var outcome = await recorder.RecordAsync(scenarioEvent.Region.IsoSuffix, scenario.BudgetYear, scenarioEvent.Event, scenarioEvent.Data, Actor, cancellationToken);
            var description = CycleEvent.Find(scenarioEvent.Event)!;
            timeline.Add(new TimelineEntry(scenarioEvent.At, scenarioEvent.Region, "evento", description.Milestone, [], null, null,
                outcome.Applied ? description.Description : $"{description.Description}: rechazado, {outcome.Refusal}")
            { Event = scenarioEvent.Event });
            await driver.SettleAsync(cancellationToken);
        }
        await driver.RunUntilAsync(end, cancellationToken);
        var mails = await records.MailsAsync(budgetYear: scenario.BudgetYear, cancellationToken: cancellationToken);
        foreach (var sent in mails.Where(m => m.SentAt is not null))
        {
            timeline.Add(new TimelineEntry(sent.SentAt!.Value, RegionRegistry.ByIsoSuffix(sent.Region), sent.Type, sent.Milestone,
                [.. sent.Recipients.Select(r => r.Address)], sent.OficioNumber, null, sent.Subject)
            { NumberYear = sent.OficioYear });
        }
        foreach (var outcome in (await records.OutcomesAsync(cancellationToken: cancellationToken)).Where(o => o.BudgetYear == scenario.BudgetYear))
        {
            timeline.Add(new TimelineEntry(outcome.RecordedAt, RegionRegistry.ByIsoSuffix(outcome.Region), "resultado", "focalizacion-final", [], null,
                outcome.Outcome, OutcomeText(outcome.Outcome)));
        }
        var ordered = timeline
            .Select((entry, index) => (entry, index))
            .OrderBy(e => e.entry.At).ThenBy(e => RegionOrder(e.entry.Region)).ThenBy(e => TypeOrder.IndexOf(e.entry.Type)).ThenBy(e => e.index)
            .Select(e => e.entry).ToList();
        return new SimulationResult(ordered, mails.Count(m => m.SentAt is not null), await IncidentsAsync(store, cancellationToken));
    }

    private static string OutcomeText(string outcome) => outcome switch
    {
        CycleOutcomes.Final => "rige la focalización final del GORE",
        CycleOutcomes.Previous => "vencido el plazo, rige la focalización del año anterior",
        _ => "vencido el plazo y sin focalización anterior, Sercotec focaliza según sus definiciones internas",
    };

    /// <summary>Within one instant: what happened, what it decided, then the messages it caused.</summary>
    private static readonly List<string> TypeOrder = ["evento", "resultado", "oficio", "recordatorio", "aviso"];

    private static int RegionOrder(Region region) => RegionRegistry.All.ToList().IndexOf(region);

    private static async Task<IReadOnlyList<string>> IncidentsAsync(Store store, CancellationToken cancellationToken)
    {
        await using var db = store.Open();
        return await db.Incidents.Where(i => i.State == IncidentState.Open).OrderBy(i => i.Id)
            .Select(i => i.NodeId + ": " + i.Reason).ToListAsync(cancellationToken);
    }
}
