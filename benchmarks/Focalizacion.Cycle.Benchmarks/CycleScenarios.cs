using System.Globalization;
using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Simulation;

namespace Focalizacion.Cycle.Benchmarks;

/// <summary>
/// The realistic scenario the benchmark runs, written as the scenario file a user would give
/// <c>simular --escenario</c> and read by the real <see cref="ScenarioReader"/>: every other
/// region (8 of 16) acts on time, the rest do nothing; half of the acting and half of the idle
/// regions (8 in all) have a previous year's focalización on record.
/// </summary>
internal static class CycleScenarios
{
    /// <summary>What the acting regions do, in the cycle year (budget year − 1), at 10:00 local time.</summary>
    public static readonly (int Month, int Day, string Event)[] OnTime =
    [
        (6, 10, CycleEvent.PresupuestoRegistrado),
        (11, 14, CycleEvent.PreliminarRecibida),
        (11, 25, CycleEvent.ObservacionesEnviadas),
        (11, 30, CycleEvent.MontosRegistrados),
        (12, 29, CycleEvent.FinalRecibida),
    ];

    public static IReadOnlyList<Region> Acting => [.. RegionRegistry.All.Where((_, i) => i % 2 == 0)];

    public static IReadOnlyList<Region> WithPrevious => [.. RegionRegistry.All.Where((_, i) => i % 4 < 2)];

    public static string Json(int budgetYear)
    {
        var events = new JsonArray();
        foreach (var region in Acting)
        {
            foreach (var (month, day, name) in OnTime)
            {
                var item = new JsonObject
                {
                    ["region"] = region.IsoSuffix,
                    ["fecha"] = string.Create(CultureInfo.InvariantCulture, $"{budgetYear - 1:D4}-{month:D2}-{day:D2}T10:00"),
                    ["evento"] = name,
                };
                if (name == CycleEvent.FinalRecibida)
                {
                    item["conforme"] = true;
                }
                events.Add(item);
            }
        }
        return new JsonObject
        {
            ["anioPresupuestario"] = budgetYear,
            ["regiones"] = new JsonArray([.. RegionRegistry.All.Select(r => (JsonNode)r.IsoSuffix)]),
            ["focalizacionAnterior"] = new JsonArray([.. WithPrevious.Select(r => (JsonNode)r.IsoSuffix)]),
            ["eventos"] = events,
        }.ToJsonString();
    }

    public static Scenario Realistic(int budgetYear)
    {
        var read = ScenarioReader.Read(Json(budgetYear), budgetYear);
        return read.Success ? read.Value : throw new InvalidOperationException(read.Error);
    }
}
