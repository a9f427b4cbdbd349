using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Simulation;

namespace Focalizacion.Cycle.Benchmarks;

/// <summary>
/// The realistic scenario the benchmarks run, written as the scenario file a user would give
/// <c>simular --escenario</c> and read by the real <see cref="ScenarioReader"/>: every other
/// region (8 of 16) acts on time (<see cref="SimulationWarmUp.OnTime"/>), the rest do nothing; half
/// of the acting and half of the idle regions (8 in all) have a previous year's focalización on record.
/// It is the service's warm-up scenario (<see cref="SimulationWarmUp.Scenario"/>), declared there.
/// </summary>
internal static class CycleScenarios
{
    public static IReadOnlyList<Region> Acting => SimulationWarmUp.Acting;

    public static IReadOnlyList<Region> WithPrevious => SimulationWarmUp.WithPrevious;

    public static string Json(int budgetYear) => SimulationWarmUp.ScenarioJson(budgetYear);

    public static Scenario Realistic(int budgetYear) => SimulationWarmUp.Scenario(budgetYear);
}
