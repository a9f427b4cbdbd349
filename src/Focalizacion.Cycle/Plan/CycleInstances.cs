using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime.Persistence;

namespace Focalizacion.Cycle.Plan;

/// <summary>
/// Which instances are a region's cycle for a budget year: those of the cycle's own process
/// (<see cref="ShippedWorkflow.ProcessKey"/>, any version) with the cycle's correlation key
/// (<see cref="CycleKey"/>).
/// </summary>
/// <remarks>
/// The key alone is not enough: a correlation key is the host's to give, and any other workflow's
/// instance may be started with the same region and year (<c>instancia iniciar</c>). Such an
/// instance must neither count as the region's cycle when starting it, nor be shown for it, nor
/// receive its events.
/// </remarks>
public static class CycleInstances
{
    /// <summary>The cycle's instances of <paramref name="region"/> and <paramref name="budgetYear"/>, whatever their status.</summary>
    public static IQueryable<InstanceRow> Of(FocalizacionDb db, Region region, int budgetYear)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = CycleKey.For(region, budgetYear);
        return db.Instances.Where(i => i.CorrelationKey == key
            && db.Definitions.Any(d => d.Id == i.DefinitionId && d.ProcessKey == ShippedWorkflow.ProcessKey));
    }

    /// <summary>The cycle's instances of each of <paramref name="regions"/> for <paramref name="budgetYear"/>, whatever their status: one query.</summary>
    public static IQueryable<InstanceRow> Of(FocalizacionDb db, IEnumerable<Region> regions, int budgetYear)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(regions);
        var keys = regions.Select(r => CycleKey.For(r, budgetYear)).ToList();
        return db.Instances.Where(i => keys.Contains(i.CorrelationKey!)
            && db.Definitions.Any(d => d.Id == i.DefinitionId && d.ProcessKey == ShippedWorkflow.ProcessKey));
    }
}
