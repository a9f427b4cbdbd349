using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Events;

namespace Focalizacion.Cycle.Simulation;

/// <summary>
/// A small simulation a long-running process runs once, before anybody asks, so that its users'
/// first simulation is not the process's first: that one pays for the JIT compiling the engine,
/// the handlers, Npgsql, EF Core's model and queries and PDFsharp (about twice a warm run's time).
/// </summary>
/// <remarks>
/// Two regions cover what the realistic scenarios run: one that acts on time at every step, with a
/// previous focalización on record, and one where nobody acts (reminders, notices, the fallback
/// oficio). It runs as a user's simulation does (<see cref="Simulator.RunUnsentAsync"/>): in a
/// throwaway database, every message composed and dropped, the live data never touched. Run
/// <see cref="Runs"/> times: the JIT recompiles what is hot with its profile over the first runs,
/// and a run already tiered up is what the user's should find.
/// </remarks>
public static class SimulationWarmUp
{
    /// <summary>How many times the scenario runs.</summary>
    public const int Runs = 3;

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

    /// <summary>Valparaíso acting on time (with a previous focalización), Ñuble idle, in <paramref name="budgetYear"/>.</summary>
    public static Scenario Scenario(int budgetYear)
    {
        var json = new JsonObject
        {
            ["anioPresupuestario"] = budgetYear,
            ["regiones"] = new JsonArray("VS", "NB"),
            ["focalizacionAnterior"] = new JsonArray("VS"),
            ["eventos"] = new JsonArray([.. ActingOnTime("VS", budgetYear)]),
        }.ToJsonString();
        var read = ScenarioReader.Read(json, budgetYear);
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
