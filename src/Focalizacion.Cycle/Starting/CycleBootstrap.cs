using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Plan;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Focalizacion.Cycle.Starting;

/// <summary>
/// What the service does once its database is migrated: seed the recipients directory, publish the
/// shipped workflow if it changed, and start the cycles of the budget year due by the clock
/// (<see cref="CycleStartMoment"/>) at today's real stage; afterwards, every minute, the same start
/// for whichever year is due then (<see cref="CycleYearJobs"/>). Safe to run at every start and
/// every minute: nothing is seeded, published or started twice.
/// </summary>
/// <remarks>
/// Cycles started here have nothing recorded: milestones whose deadline already passed are flagged
/// and never sent late; an operator records what did happen with <c>focalizacion ciclo iniciar
/// --hito</c> before the year's moment, or follows the flags in <c>ciclo estado</c>. A region with
/// any cycle of the year, a cancelled one included, is left alone: cancelling is an operator's
/// decision, and only <c>ciclo iniciar</c> starts that region-year again.
/// </remarks>
public sealed class CycleBootstrap(EngineRuntime runtime, HolidayCalendar calendar, CycleStartMoment startMoment)
{
    private volatile bool _prepared;

    /// <summary>True once a run seeded the directory and published the workflow: from then on the cycles can start.</summary>
    public bool Prepared => _prepared;

    /// <summary>When each budget year's cycles are due to start.</summary>
    public CycleStartMoment StartMoment => startMoment;

    /// <summary>
    /// The first two steps, shared by the service, <c>ciclo preparar</c> and the simulation: seed the
    /// directory's placeholders for roles nobody holds, and publish the shipped workflow if it changed.
    /// </summary>
    public static async Task<CyclePreparation> PrepareAsync(EngineRuntime runtime, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var added = await DirectorySeed.SeedAsync(runtime.Store, cancellationToken);
        var (version, published) = await ShippedWorkflow.PublishAsync(runtime.Store, runtime.Definitions, actor, cancellationToken);
        return new CyclePreparation(added, version, published);
    }

    /// <summary>The service's start-up: prepares, then starts the due year's cycles (<see cref="StartDueYearAsync"/>).</summary>
    public async Task<YearStart> RunAsync(CancellationToken cancellationToken = default)
    {
        await PrepareAsync(runtime, Actor.Service, cancellationToken);
        _prepared = true;
        return await StartDueYearAsync(cancellationToken);
    }

    /// <summary>
    /// Starts the cycles of the budget year due by the clock in every region without one. Each
    /// region on its own: one that fails does not keep the others from starting.
    /// </summary>
    public async Task<YearStart> StartDueYearAsync(CancellationToken cancellationToken = default)
    {
        var year = startMoment.BudgetYearDueAt(runtime.Clock.GetCurrentInstant());
        var missing = await WithoutCycleAsync(year, cancellationToken);
        var starter = new CycleStarter(runtime, calendar);
        var starts = new List<CycleStart>();
        var failures = new List<CycleStartFailure>();
        foreach (var region in missing)
        {
            try
            {
                // CycleStarter checks again under its advisory lock: a replica may have started it meanwhile.
                starts.Add(await starter.StartAsync(year, region, new Dictionary<string, LocalDate>(), Actor.Service, cancellationToken));
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures.Add(new CycleStartFailure(region, failure));
            }
        }
        return new YearStart(year, RegionRegistry.All.Count - missing.Count, starts, failures);
    }

    /// <summary>The regions, north to south, with no cycle of <paramref name="budgetYear"/> in any state: one indexed query.</summary>
    public async Task<IReadOnlyList<Region>> WithoutCycleAsync(int budgetYear, CancellationToken cancellationToken = default)
    {
        var keys = RegionRegistry.All.Select(r => CycleKey.For(r, budgetYear)).ToList();
        await using var db = runtime.Store.Open();
        var present = await db.Instances.Where(i => keys.Contains(i.CorrelationKey!)).Select(i => i.CorrelationKey!).Distinct().ToListAsync(cancellationToken);
        return [.. RegionRegistry.All.Where(r => !present.Contains(CycleKey.For(r, budgetYear)))];
    }
}
