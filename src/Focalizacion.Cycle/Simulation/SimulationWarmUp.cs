using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;

namespace Focalizacion.Cycle.Simulation;

/// <summary>
/// Simulations a long-running process runs once, before anybody asks, so that its users' first
/// simulation is not the process's first: that one pays for the JIT compiling the engine, the
/// handlers, Npgsql, EF Core's model and queries and PDFsharp (about twice a warm run's time).
/// </summary>
/// <remarks>
/// The scenario is the realistic one of every region (<see cref="Scenario"/>): half act on time at
/// every step, half do nothing (reminders, notices, the fallback oficio), half of each with a
/// previous focalización on record. It runs as a user's simulation does
/// (<see cref="Simulator.RunUnsentAsync"/>): in a throwaway database, every message composed and
/// dropped, the live data never touched. Run <see cref="Runs"/> times: the JIT recompiles what is
/// hot with its profile (twice: instrumented, then optimized) only after a method has been called
/// often enough, so a run of two regions three times left the user's sixteen still on the first
/// code (3.5 s for the first request after the warm-up, against 2.6 s now; docs/benchmarks/simulacion.md).
/// </remarks>
public static class SimulationWarmUp
{
    /// <summary>How many times the scenario runs (about 13 s of work after the service is ready, on two cores).</summary>
    public const int Runs = 4;

    /// <summary>What a region acting on time does, in the cycle year (budget year − 1), at 10:00 local time.</summary>
    public static IReadOnlyList<(int Month, int Day, string Event)> OnTime { get; } =
    [
        (6, 10, CycleEvent.PresupuestoRegistrado),
        (11, 14, CycleEvent.PreliminarRecibida),
        (11, 25, CycleEvent.ObservacionesEnviadas),
        (11, 30, CycleEvent.MontosRegistrados),
        (12, 29, CycleEvent.FinalRecibida),
    ];

    /// <summary>The scenario's events for <paramref name="region"/> acting on time in <paramref name="budgetYear"/>'s cycle, as a scenario file has them.</summary>
    public static IEnumerable<JsonObject> ActingOnTime(string region, int budgetYear) => OnTime.Select(step =>
    {
        var item = new JsonObject
        {
            ["region"] = region,
            ["fecha"] = string.Create(CultureInfo.InvariantCulture, $"{budgetYear - 1:D4}-{step.Month:D2}-{step.Day:D2}T10:00"),
            ["evento"] = step.Event,
        };
        if (step.Event == CycleEvent.FinalRecibida)
        {
            item["conforme"] = true;
        }
        return item;
    });

    /// <summary>The regions that act on time in <see cref="Scenario"/>: every other one (8 of 16); the rest do nothing.</summary>
    public static IReadOnlyList<Region> Acting => [.. RegionRegistry.All.Where((_, i) => i % 2 == 0)];

    /// <summary>The regions with a previous year's focalización on record in <see cref="Scenario"/>: half of the acting and half of the idle ones.</summary>
    public static IReadOnlyList<Region> WithPrevious => [.. RegionRegistry.All.Where((_, i) => i % 4 < 2)];

    /// <summary>Every region, <see cref="Acting"/> on time and the rest idle, in <paramref name="budgetYear"/>, as a scenario file has it.</summary>
    public static string ScenarioJson(int budgetYear) => new JsonObject
    {
        ["anioPresupuestario"] = budgetYear,
        ["regiones"] = new JsonArray([.. RegionRegistry.All.Select(r => (JsonNode)r.IsoSuffix)]),
        ["focalizacionAnterior"] = new JsonArray([.. WithPrevious.Select(r => (JsonNode)r.IsoSuffix)]),
        ["eventos"] = new JsonArray([.. Acting.SelectMany(region => ActingOnTime(region.IsoSuffix, budgetYear))]),
    }.ToJsonString();

    /// <summary><see cref="ScenarioJson"/> read as a user's scenario file is.</summary>
    public static Scenario Scenario(int budgetYear)
    {
        var read = ScenarioReader.Read(ScenarioJson(budgetYear), budgetYear);
        return read.Success ? read.Value : throw new InvalidOperationException(read.Error);
    }

    /// <summary>Runs the scenario <paramref name="runs"/> times on <paramref name="serverConnectionString"/>'s server; the time it took.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped it (a user's simulation comes first).</exception>
    public static async Task<TimeSpan> RunAsync(string serverConnectionString, HolidayCalendar calendar, int budgetYear, int runs = Runs, CancellationToken cancellationToken = default)
    {
        var scenario = Scenario(budgetYear);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++)
        {
            await Simulator.RunUnsentAsync(serverConnectionString, calendar, scenario, cancellationToken: cancellationToken);
        }
        return watch.Elapsed;
    }
}
