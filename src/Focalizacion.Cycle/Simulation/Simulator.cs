using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Starting;
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
/// Messages go where <paramref name="mail"/> says: a real SMTP server, or a pickup folder. Scenario
/// events are delivered at their instants; between them the clock jumps to the next due timer or
/// retry, so a whole year takes seconds.
/// </remarks>
public sealed class Simulator(string serverConnectionString, HolidayCalendar calendar, MailSettings mail)
{
    public async Task<SimulationResult> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var database = await ThrowawayDatabase.CreateAsync(serverConnectionString, "simulacion", CycleRuntime.Schemas, cancellationToken);
        return await RunAsync(database.Store, scenario, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> sending nothing anywhere: every message is written to a
    /// pickup folder of its own, deleted afterwards (what <c>simular</c> does without <c>--smtp</c>, and the API always).
    /// </summary>
    public static async Task<SimulationResult> RunUnsentAsync(string serverConnectionString, HolidayCalendar calendar, Scenario scenario, CancellationToken cancellationToken = default)
    {
        var pickup = Path.Combine(Path.GetTempPath(), $"focalizacion-simulacion-{Guid.NewGuid():N}");
        try
        {
            return await new Simulator(serverConnectionString, calendar, new MailSettings { PickupFolder = pickup }).RunAsync(scenario, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(pickup))
            {
                Directory.Delete(pickup, recursive: true);
            }
        }
    }

    /// <summary>Runs on a given, migrated and empty store (tests keep it to look inside afterwards).</summary>
    public async Task<SimulationResult> RunAsync(Store store, Scenario scenario, CancellationToken cancellationToken = default)
    {
        var run = await PrepareAsync(store, scenario, cancellationToken);
        return await run.FinishAsync(cancellationToken);
    }

    /// <summary>
    /// Seeds a given, migrated and empty store (directory, shipped workflow, the scenario's cycles
    /// started on 1 January) and returns the run with its clock there, for a caller that wants to
    /// act between instants (take the mail server down for a while) before finishing it.
    /// </summary>
    public async Task<SimulationRun> PrepareAsync(Store store, Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scenario);
        var start = new LocalDate(scenario.BudgetYear - 1, 1, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant();
        var end = new LocalDate(scenario.BudgetYear, 2, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant();
        var clock = new VirtualClock(start);
        var runtime = CycleRuntime.Create(store, clock, calendar, mail);
        var records = new CycleRecords(store);
        await CycleBootstrap.PrepareAsync(runtime, Actor.Simulation, cancellationToken);
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
}
