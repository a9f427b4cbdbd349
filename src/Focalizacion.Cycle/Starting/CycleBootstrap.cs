using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime;
using NodaTime;

namespace Focalizacion.Cycle.Starting;

/// <summary>
/// What the service does once its database is migrated: seed the recipients directory, publish the
/// shipped workflow if it changed, and start the cycles of the budget year in progress at today's
/// real stage. Safe to run at every start: nothing is seeded, published or started twice.
/// </summary>
/// <remarks>
/// Cycles started here have nothing recorded: milestones whose deadline already passed are flagged
/// and never sent late; an operator records what did happen with <c>focalizacion ciclo iniciar
/// --hito</c> before the service starts, or follows the flags in <c>ciclo estado</c>.
/// </remarks>
public sealed class CycleBootstrap(EngineRuntime runtime, HolidayCalendar calendar)
{
    private volatile bool _completed;

    /// <summary>True once a run finished: the directory is seeded, the workflow published and the cycles started.</summary>
    public bool Completed => _completed;

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

    /// <summary>Runs the three steps; returns what starting the cycles did, region by region.</summary>
    public async Task<IReadOnlyList<CycleStart>> RunAsync(CancellationToken cancellationToken = default)
    {
        await PrepareAsync(runtime, Actor.Service, cancellationToken);
        var year = CycleStarter.BudgetYearInProgress(runtime.Clock.GetCurrentInstant());
        var starter = new CycleStarter(runtime, calendar);
        var starts = new List<CycleStart>();
        foreach (var region in RegionRegistry.All)
        {
            starts.Add(await starter.StartAsync(year, region, new Dictionary<string, LocalDate>(), Actor.Service, cancellationToken));
        }
        _completed = true;
        return starts;
    }
}
