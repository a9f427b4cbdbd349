using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Simulation;

namespace Focalizacion.Cycle.Benchmarks;

/// <summary>
/// The realistic scenario the benchmark runs, written as the scenario file a user would give
/// <c>simular --escenario</c> and read by the real <see cref="ScenarioReader"/>: every other
/// region (8 of 16) acts on time (<see cref="SimulationWarmUp.OnTime"/>), the rest do nothing; half
/// of the acting and half of the idle regions (8 in all) have a previous year's focalización on record.
/// </summary>
internal static class CycleScenarios
{
    public static IReadOnlyList<Region> Acting => [.. RegionRegistry.All.Where((_, i) => i % 2 == 0)];

    public static IReadOnlyList<Region> WithPrevious => [.. RegionRegistry.All.Where((_, i) => i % 4 < 2)];

    public static string Json(int budgetYear)
    {
        return new JsonObject
        {
            ["anioPresupuestario"] = budgetYear,
            ["regiones"] = new JsonArray([.. RegionRegistry.All.Select(r => (JsonNode)r.IsoSuffix)]),
            ["focalizacionAnterior"] = new JsonArray([.. WithPrevious.Select(r => (JsonNode)r.IsoSuffix)]),
            ["eventos"] = new JsonArray([.. Acting.SelectMany(region => SimulationWarmUp.ActingOnTime(region.IsoSuffix, budgetYear))]),
        }.ToJsonString();
    }

    public static Scenario Realistic(int budgetYear)
    {
        var read = ScenarioReader.Read(Json(budgetYear), budgetYear);
        return read.Success ? read.Value : throw new InvalidOperationException(read.Error);
    }
}
