using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Plan;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.VirtualTime;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Focalizacion.Cycle.Simulation;

/// <summary>
/// A prepared simulation (<see cref="Simulator.PrepareAsync"/>): advance it to any instant with
/// <see cref="RunUntilAsync"/>, as often as wanted, then <see cref="FinishAsync"/> runs it to the end
/// and returns the timeline.
/// </summary>
public sealed class SimulationRun
{
    private readonly Store _store;
    private readonly Scenario _scenario;
    private readonly VirtualClock _clock;
    private readonly VirtualTimeDriver _driver;
    private readonly CycleEventRecorder _recorder;
    private readonly List<(TimelineEntry Entry, bool Applied)> _events = [];
    private int _nextEvent;

    internal SimulationRun(Store store, Scenario scenario, VirtualClock clock, Instant end, VirtualTimeDriver driver, CycleEventRecorder recorder)
    {
        _store = store;
        _scenario = scenario;
        _clock = clock;
        End = end;
        _driver = driver;
        _recorder = recorder;
    }

    /// <summary>Where <see cref="FinishAsync"/> stops: 1 February of the budget year, mainland time.</summary>
    public Instant End { get; }

    /// <summary>The virtual clock's reading.</summary>
    public Instant Now => _clock.GetCurrentInstant();

    /// <summary>
    /// Runs timers, deliveries and the scenario's events due up to <paramref name="until"/> (inclusive),
    /// then leaves the clock there.
    /// </summary>
    public async Task RunUntilAsync(Instant until, CancellationToken cancellationToken = default)
    {
        while (_nextEvent < _scenario.Events.Count && _scenario.Events[_nextEvent].At <= until)
        {
            var scenarioEvent = _scenario.Events[_nextEvent++];
            await _driver.RunUntilAsync(scenarioEvent.At, cancellationToken);
            var outcome = await _recorder.RecordAsync(scenarioEvent.Region.IsoSuffix, _scenario.BudgetYear, scenarioEvent.Event, scenarioEvent.Data, Actor.Simulation, cancellationToken);
            var description = CycleEvent.Find(scenarioEvent.Event)!;
            _events.Add((new TimelineEntry(scenarioEvent.At, scenarioEvent.Region, "evento", description.Milestone, [], null, null,
                outcome.Applied ? description.Description : $"{description.Description}: rechazado, {outcome.Refusal}")
            { Event = scenarioEvent.Event }, outcome.Applied));
            await _driver.SettleAsync(cancellationToken);
        }
        await _driver.RunUntilAsync(until, cancellationToken);
    }

    /// <summary>Runs to <see cref="End"/> and returns what happened.</summary>
    public async Task<SimulationResult> FinishAsync(CancellationToken cancellationToken = default)
    {
        await RunUntilAsync(End, cancellationToken);
        var records = new CycleRecords(_store);
        var elements = await ElementsAsync(cancellationToken);
        var timeline = new List<TimelineEntry>(_events.Select(e => e.Applied ? e.Entry with { Element = elements.Received(e.Entry) } : e.Entry));
        var mails = await records.MailsAsync(budgetYear: _scenario.BudgetYear, cancellationToken: cancellationToken);
        foreach (var sent in mails.Where(m => m.SentAt is not null))
        {
            timeline.Add(new TimelineEntry(sent.SentAt!.Value, RegionRegistry.ByIsoSuffix(sent.Region), sent.Type, sent.Milestone,
                [.. sent.Recipients.Select(r => r.Address)], sent.OficioNumber, null, sent.Subject)
            { NumberYear = sent.OficioYear, Issuer = sent.Issuer, Element = elements.Task(sent.IdempotencyKey) });
        }
        foreach (var outcome in await records.OutcomesAsync(budgetYear: _scenario.BudgetYear, cancellationToken: cancellationToken))
        {
            timeline.Add(new TimelineEntry(outcome.RecordedAt, RegionRegistry.ByIsoSuffix(outcome.Region), "resultado", "focalizacion-final", [], null,
                outcome.Outcome, OutcomeText(outcome.Outcome))
            { Element = outcome.IdempotencyKey is { } key ? elements.Task(key) : null });
        }
        var ordered = timeline
            .Select((entry, index) => (entry, index))
            .OrderBy(e => e.entry.At).ThenBy(e => RegionOrder(e.entry.Region)).ThenBy(e => TypeOrder.IndexOf(e.entry.Type)).ThenBy(e => e.index)
            .Select(e => e.entry).ToList();
        return new SimulationResult(ordered, mails.Count(m => m.SentAt is not null), await IncidentsAsync(cancellationToken));
    }

    private static string OutcomeText(string outcome) => outcome switch
    {
        CycleOutcomes.Final => "rige la focalización final del GORE",
        CycleOutcomes.Previous => "vencido el plazo, rige la focalización del año anterior",
        _ => "vencido el plazo y sin focalización anterior, Sercotec focaliza según sus definiciones internas",
    };

    /// <summary>Within one instant: what happened, what it decided, then the messages it caused.</summary>
    private static readonly List<string> TypeOrder = ["evento", "resultado", .. MailTypes.All];

    private static int RegionOrder(Region region) => RegionRegistry.All.ToList().IndexOf(region);

    /// <summary>
    /// Which element produced what, from the run's own rows: the outbox names the service task of
    /// every effect (by its idempotency key, which the mail and the outcome keep), the journal the
    /// node that took each message, by region and instant, in the order they were taken.
    /// </summary>
    private async Task<TimelineElements> ElementsAsync(CancellationToken cancellationToken)
    {
        var tasks = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = _store.CreateCommand("SELECT idempotency_key, node_id FROM outbox"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tasks[reader.GetString(0)] = reader.GetString(1);
            }
        }
        var received = new Dictionary<(string Key, Instant At), Queue<string>>();
        await using (var command = _store.CreateCommand(
            "SELECT i.correlation_key, j.at, j.activity FROM journal j JOIN workflow_instances i ON i.id = j.instance_id " +
            "WHERE j.kind = $1 AND j.activity IS NOT NULL ORDER BY j.id"))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = JournalKind.MessageReceived.Text() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    continue;
                }
                var key = (reader.GetString(0), reader.GetFieldValue<Instant>(1));
                if (!received.TryGetValue(key, out var nodes))
                {
                    received[key] = nodes = new Queue<string>();
                }
                nodes.Enqueue(reader.GetString(2));
            }
        }
        return new TimelineElements(tasks, received, _scenario.BudgetYear);
    }

    /// <summary>The elements <see cref="ElementsAsync"/> found, handed out to the entries they belong to.</summary>
    private sealed class TimelineElements(Dictionary<string, string> tasks, Dictionary<(string Key, Instant At), Queue<string>> received, int budgetYear)
    {
        public string? Task(string idempotencyKey) => tasks.GetValueOrDefault(idempotencyKey);

        /// <summary>The node that took a scenario event the cycle applied (a refused one was taken by none).</summary>
        public string? Received(TimelineEntry entry) =>
            received.TryGetValue((CycleKey.For(entry.Region, budgetYear), entry.At), out var nodes) && nodes.TryDequeue(out var node) ? node : null;
    }

    private async Task<IReadOnlyList<string>> IncidentsAsync(CancellationToken cancellationToken)
    {
        await using var db = _store.Open();
        return await db.Incidents.Where(i => i.State == IncidentState.Open).OrderBy(i => i.Id)
            .Select(i => i.NodeId + ": " + i.Reason).ToListAsync(cancellationToken);
    }
}
