using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Starting;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.VirtualTime;
using NodaTime;

namespace Focalizacion.Cycle.Simulation;

/// <summary>
/// Runs a scenario through the real shipped workflow, engine, handlers and PostgreSQL store in
/// virtual time, from 1 January of the cycle year to the end of January of the budget year, and
/// returns the timeline. The database is a throwaway one; the real data is never touched.
/// </summary>
/// <remarks>
/// Messages go where <paramref name="mail"/> says (a real SMTP server, or a pickup folder), or to
/// <paramref name="transport"/> when one is given (<see cref="UnsentTransport"/>: nowhere). Scenario
/// events are delivered at their instants; between them the clock jumps to the next due timer or
/// retry, so a whole year takes seconds. A definition other than the shipped one (a designer's
/// draft, or the version published on the live database) is imported and published in the
/// throwaway database before the cycles start, so they run it: the same importer, engine and
/// handlers as in production, on a database that is not the live one.
/// </remarks>
public sealed class Simulator(string serverConnectionString, HolidayCalendar calendar, MailSettings mail, IMailTransport? transport = null)
{
    /// <summary>Runs <paramref name="scenario"/> with <paramref name="definition"/> (BPMN bytes of the cycle's process) instead of the shipped workflow; null runs the shipped one.</summary>
    public async Task<SimulationResult> RunAsync(Scenario scenario, byte[]? definition = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var database = await ThrowawayDatabase.FromTemplateAsync(serverConnectionString, "simulacion", CycleRuntime.Schemas, PreparedCycle(calendar), cancellationToken);
        var run = await PrepareAsync(database.Store, scenario, definition, cancellationToken);
        return await run.FinishAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> sending nothing anywhere: every message is composed and then
    /// dropped (<see cref="UnsentTransport"/>; what <c>simular</c> does without <c>--smtp</c>, and the API always).
    /// </summary>
    public static Task<SimulationResult> RunUnsentAsync(
        string serverConnectionString, HolidayCalendar calendar, Scenario scenario, byte[]? definition = null, CancellationToken cancellationToken = default) =>
        new Simulator(serverConnectionString, calendar, new MailSettings(), UnsentTransport.Instance).RunAsync(scenario, definition, cancellationToken);

    /// <summary>Runs on a given, migrated and empty store (tests keep it to look inside afterwards).</summary>
    public async Task<SimulationResult> RunAsync(Store store, Scenario scenario, CancellationToken cancellationToken = default)
    {
        var run = await PrepareAsync(store, scenario, cancellationToken: cancellationToken);
        return await run.FinishAsync(cancellationToken);
    }

    /// <summary>
    /// Seeds a given, migrated and empty store (directory, shipped workflow, the scenario's cycles
    /// started on 1 January) and returns the run with its clock there, for a caller that wants to
    /// act between instants (take the mail server down for a while) before finishing it.
    /// </summary>
    /// <exception cref="DefinitionProblemsException"><paramref name="definition"/> (run instead of the shipped workflow when given) does not import, or is not the cycle's process.</exception>
    public async Task<SimulationRun> PrepareAsync(Store store, Scenario scenario, byte[]? definition = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scenario);
        var start = new LocalDate(scenario.BudgetYear - 1, 1, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant();
        var end = new LocalDate(scenario.BudgetYear, 2, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant();
        var clock = new VirtualClock(start);
        var runtime = CycleRuntime.Create(store, clock, calendar, mail, transport ?? mail.CreateTransport(), CycleRuntime.Options);
        var records = new CycleRecords(store);
        await CycleBootstrap.PrepareAsync(runtime, Actor.Simulation, cancellationToken);
        if (definition is not null)
        {
            await PublishAsync(runtime, definition, cancellationToken);
        }
        foreach (var region in scenario.WithPreviousFocalizacion)
        {
            await records.RecordOutcomeAsync(region.IsoSuffix, scenario.BudgetYear - 1, CycleOutcomes.Final, start, "escenario", cancellationToken);
        }
        var starter = new CycleStarter(runtime, calendar);
        foreach (var region in scenario.Regions)
        {
            await starter.StartAsync(scenario.BudgetYear, region, new Dictionary<string, LocalDate>(), Actor.Simulation, cancellationToken);
        }
        return new SimulationRun(store, scenario, clock, end, new VirtualTimeDriver(clock, runtime.Timers, runtime.Outbox),
            new CycleEventRecorder(runtime.Instances, new DeclaredConformity()));
    }

    /// <summary>
    /// The template every simulation's database is copied from holds the cycle prepared (directory
    /// seeded, shipped workflow published, as <see cref="CycleBootstrap.PrepareAsync"/> does): each run
    /// then finds both done instead of importing the workflow and seeding 65 roles again.
    /// </summary>
    private static TemplateSeed PreparedCycle(HolidayCalendar calendar) => new(
        "ciclo preparado\n" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ShippedWorkflow.Bpmn.Span)) + "\n"
            + string.Join("\n", DirectorySeed.Placeholders.Select(p => $"{p.Region}|{p.Recipient}")),
        async (store, cancellationToken) =>
        {
            // Published at the start of the calendar's first budget year's cycle: before any simulated instant.
            var clock = new VirtualClock(new LocalDate(HolidayCalendar.FirstYear, 1, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant());
            await CycleBootstrap.PrepareAsync(CycleRuntime.Create(store, clock, calendar, new MailSettings(), UnsentTransport.Instance, CycleRuntime.Options), Actor.Simulation, cancellationToken);
        });

    /// <summary>
    /// The problems that keep <paramref name="definition"/> from being simulated: its import
    /// problems (as <c>definicion validar</c> gives them), or a process other than the cycle's,
    /// which no cycle would start. Empty when it can run.
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Problems(EngineRuntime runtime, byte[] definition)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var result = runtime.Definitions.Validate(definition);
        if (result.NotBpmnReason is { } reason)
        {
            return [new DefinitionProblem("", reason)];
        }
        if (!result.Success)
        {
            return result.Problems;
        }
        return result.Definition!.ProcessId == ShippedWorkflow.ProcessKey ? []
            : [new DefinitionProblem(result.Definition.ProcessId,
                $"el proceso es «{result.Definition.ProcessId}»; los ciclos se inician desde el proceso «{ShippedWorkflow.ProcessKey}», así que la simulación no correría este")];
    }

    private static async Task PublishAsync(EngineRuntime runtime, byte[] definition, CancellationToken cancellationToken)
    {
        if (Problems(runtime, definition) is { Count: > 0 } problems)
        {
            throw new DefinitionProblemsException("la definición no se puede simular", problems);
        }
        var (draft, _) = await runtime.Definitions.ImportAsync(definition, Actor.Simulation, cancellationToken);
        await runtime.Definitions.PublishAsync(draft!.Id, Actor.Simulation, cancellationToken);
    }
}
