using Focalizacion.Calendar.Regions;

namespace Focalizacion.Cycle.Simulation;

/// <summary>
/// What a simulation runs: a budget year, its regions, which of them have a previous year's
/// focalización on record, and what people do and when. A missing event means nobody acted.
/// </summary>
public sealed record Scenario(int BudgetYear, IReadOnlyList<Region> Regions, IReadOnlyList<Region> WithPreviousFocalizacion, IReadOnlyList<ScenarioEvent> Events)
{
    /// <summary>Every region, nobody acting: what <c>simular</c> runs without a scenario file.</summary>
    public static Scenario Empty(int budgetYear) => new(budgetYear, RegionRegistry.All, [], []);
}
