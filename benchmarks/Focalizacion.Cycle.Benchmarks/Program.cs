using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Benchmarks;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Persistence;

// Usage: dotnet run -c Release -- [output.md] [--rapido] [--perfil] [--simulacion]
// Measures the real Simulator (shipped workflow, engine, handlers, PostgreSQL, virtual time) with
// mail written as .eml files into a pickup folder (a temporary folder, removed afterwards):
//  (a) one budget year, all 16 regions, the realistic scenario (SimulationWarmUp.Scenario, the service's warm-up), and for reference
//      the `simular` default (nobody acting);
//  (b) consecutive simulations, one per budget year from 2027: 63 years × 16 regions = 1,008
//      region-years (--rapido: 5 years, 80 region-years);
//  (c) where one simulated year's time goes, phase by phase (--perfil: only this).
// With --simulacion instead: the interactive targets (SimulationBenchmark), written to output.md.
// Children it starts: --frio una|todas, --frio-desglose una|todas; by hand: --frio-tras-precalentar <runs> una|todas.
var quick = args.Contains("--rapido");
var profileOnly = args.Contains("--perfil"); // only (c), while looking for hot spots
var output = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.EndsWith(".dll", StringComparison.Ordinal));
const int FirstBudgetYear = 2027;
int years = quick ? 5 : 63;
var timeBudget = TimeSpan.FromMinutes(15); // (b) starts no new year after this; the report says so when it cuts
var server = DatabaseSetting.FromEnvironment();
var calendar = SpecialHolidayData.Load(null);
var pickupRoot = Path.Combine(Path.GetTempPath(), $"focalizacion-bench-ciclo-{Guid.NewGuid():N}");
var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}
if (args.Length >= 2 && args[0] == "--frio")
{
    return await SimulationBenchmark.ColdChildAsync(server, calendar, args[1]);
}
if (args.Length >= 2 && args[0] == "--frio-desglose")
{
    return await ColdBreakdown.ChildAsync(server, calendar, args[1] == "una" ? SimulationBenchmark.OneRegion() : SimulationBenchmark.AllRegions());
}
if (args.Length >= 3 && args[0] == "--frio-tras-precalentar")
{
    // --frio-tras-precalentar <runs> una|todas: the service's warm-up run that many times, then the simulation, timed.
    var warmUp = await SimulationWarmUp.RunAsync(server, calendar, 2027, int.Parse(args[1], CultureInfo.InvariantCulture));
    return await SimulationBenchmark.ColdChildAsync(server, calendar, args[2], warmUp);
}
if (Array.IndexOf(args, "--perfil-simulacion") is var profile and >= 0)
{
    // --perfil-simulacion [runs]: the statements of one warm run, then that many more warm runs (3 unless told).
    await SimulationBenchmark.ProfileAsync(server, calendar, profile + 1 < args.Length && int.TryParse(args[profile + 1], out var runs) ? runs : 3);
    return 0;
}
// --servicio <focalizacion-servicio.dll>: with --simulacion, also the first simulation after the service starts (ServiceStartBenchmark);
// with --solo-arranque, only that, printed.
var serviceDll = Array.IndexOf(args, "--servicio") is var service and >= 0 && service + 1 < args.Length ? args[service + 1] : null;
if (args.Contains("--solo-arranque") && serviceDll is not null)
{
    Console.Write(await ServiceStartBenchmark.RunAsync(server, serviceDll, quick ? 1 : 3));
    return 0;
}
if (args.Contains("--simulacion"))
{
    await SimulationBenchmark.RunAsync(server, calendar, output, quick ? 3 : 7, serviceDll);
    return 0;
}
var sampler = new HeapSampler();

try
{
    Line("# Cycle simulation benchmark");
    Line("");
    Line("Rerun with `bash benchmarks/run.sh` (writes this file; `--rapido`: 5 budget years in (b)). The real `Simulator` — shipped workflow, engine, " +
        "cycle handlers, PostgreSQL 15 on this machine with default settings (fsync on), virtual time — each simulation in its own throwaway database. " +
        "**Mail goes to a pickup folder** (`.eml` files in a temporary folder, removed afterwards), not to an SMTP server.");
    Line("");
    Line($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, workstation GC");
    Line($"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick mode: 5 budget years in (b))" : "")}");
    Line($"- Load average (1 min) at the start: {LoadAverage()} — anything else running on the machine (builds, other test runs) inflates the wall times below; PostgreSQL shares the same cores.");
    Line($"- Realistic scenario: all 16 regions; 8 act on time ({string.Join(", ", SimulationWarmUp.Acting.Select(r => r.IsoSuffix))}), at 10:00 local time of the cycle year: " +
        "presupuesto-exploratorio-registrado 10 June, focalizacion-preliminar-recibida 14 Nov, observaciones-enviadas 25 Nov, montos-preliminares-registrados 30 Nov, " +
        $"focalizacion-final-recibida 29 Dec (conforme true); the other 8 do nothing; 8 have a previous year's focalización ({string.Join(", ", SimulationWarmUp.WithPrevious.Select(r => r.IsoSuffix))}). " +
        "Written as a scenario file and read by the real `ScenarioReader`.");
    Line("- Engine steps: the sum of the instances' step counters (every start, timer, delivered effect and recorded event that moved a token), read before the database is dropped.");
    Line("");

    // Warm-up: JIT, EF Core model and query compilation, Npgsql type loading; not measured.
    await SimulateAsync(Scenario.Empty(FirstBudgetYear) with { Regions = [RegionRegistry.All[0]] });

    if (!profileOnly)
    {
        Line("## (a) One budget year, 16 regions");
        Line("");
        Line("| scenario | wall time | of which: create + migrate + drop the database | messages | messages/s | engine steps | journal lines | process CPU | peak working set | peak managed heap |");
        Line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (name, scenario) in new[] { ("realistic (8 acting, 8 idle)", SimulationWarmUp.Scenario(FirstBudgetYear)), ("`simular 2027` default (nobody acts)", Scenario.Empty(FirstBudgetYear)) })
        {
            sampler.Reset();
            var run = await SimulateAsync(scenario);
            Line($"| {name}, {FirstBudgetYear} | **{run.Wall.TotalSeconds:N1} s** | {run.Database.TotalSeconds:N1} s | {run.Messages:N0} | {run.Messages / run.Wall.TotalSeconds:N1} | " +
                $"{run.Steps:N0} | {run.Journal:N0} | {run.Cpu.TotalSeconds:N1} s ({run.Cpu / run.Wall / Environment.ProcessorCount:P0} of the machine) | " +
                $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MiB | {sampler.Peak / 1_048_576.0:N0} MiB |");
            if (run.Refused > 0 || run.Incidents > 0)
            {
                Line($"| note | {run.Refused} scenario events refused, {run.Incidents} incidents open |||||||||");
            }
        }
        Line("");
        Line("Peak working set is the process's since it started (it includes the warm-up and, on the second row, the first); peak managed heap is sampled every 20 ms during that row.");
        Line("");

        var runs = new List<SimulationTiming>();
        var total = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        sampler.Reset();
        for (int year = FirstBudgetYear; year < FirstBudgetYear + years && total.Elapsed < timeBudget; year++)
        {
            var run = await SimulateAsync(SimulationWarmUp.Scenario(year));
            runs.Add(run);
            Console.WriteLine($"  {year}: {run.Wall.TotalSeconds:N1} s, {run.Messages} messages, {run.Steps} steps, {run.Refused} refused");
        }
        total.Stop();
        var planned = years;
        years = runs.Count;
        Line($"## (b) {years * RegionRegistry.All.Count:N0} region-years: {years} consecutive simulations, budget years {FirstBudgetYear}–{FirstBudgetYear + years - 1}");
        Line("");
        Line("One simulation per budget year, one after the other, each of all 16 regions with the realistic scenario (the same dates in its cycle year), " +
            "each in a new throwaway database — what running `simular --escenario` once per year would do, without the process start-up.");
        Line("");
        if (years < planned)
        {
            Line($"**Cut short:** the run stops starting new years once {timeBudget.TotalMinutes:N0} minutes have passed, so this is {years} of the planned {planned} budget years " +
                $"({years * RegionRegistry.All.Count:N0} of {planned * RegionRegistry.All.Count:N0} region-years). The rates below are for what ran.");
            Line("");
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var regionYears = years * RegionRegistry.All.Count;
        var messages = runs.Sum(r => r.Messages);
        var walls = runs.Select(r => r.Wall.TotalSeconds).Order().ToList();
        Line("| measure | value |");
        Line("| --- | --- |");
        Line($"| region-years | {regionYears:N0} ({years} budget years × 16 regions) |");
        Line($"| total wall time | **{total.Elapsed.TotalMinutes:N1} min** ({total.Elapsed.TotalSeconds:N0} s) |");
        Line($"| region-years/s | **{regionYears / total.Elapsed.TotalSeconds:N2}** |");
        Line($"| messages | {messages:N0} — **{messages / total.Elapsed.TotalSeconds:N1} messages/s** |");
        Line($"| engine steps | {runs.Sum(r => r.Steps):N0} — {runs.Sum(r => r.Steps) / total.Elapsed.TotalSeconds:N0} steps/s |");
        Line($"| one budget year (16 regions), fastest / median / slowest | {walls[0]:N1} s / {walls[walls.Count / 2]:N1} s / {walls[^1]:N1} s |");
        Line($"| process CPU | {cpu.TotalSeconds:N0} s ({cpu / total.Elapsed / Environment.ProcessorCount:P0} of the machine) |");
        Line($"| scenario events refused / incidents open | {runs.Sum(r => r.Refused)} / {runs.Sum(r => r.Incidents)} |");
        Line($"| peak managed heap during (b) | {sampler.Peak / 1_048_576.0:N0} MiB |");
        Line($"| load average (1 min) at the end of (b) | {LoadAverage()} |");
        Line("");
    }

    Line($"## (c) Where one year's time goes ({FirstBudgetYear}, realistic scenario)");
    Line("");
    Line("The same steps as `Simulator`/`SimulationRun`/`VirtualTimeDriver`, written out in the benchmark so each phase has a stopwatch and each handler a timing wrapper.");
    Line("");
    var pickup = Path.Combine(pickupRoot, "perfil");
    var profileWatch = Stopwatch.StartNew();
    var phases = await PhaseProfile.RunAsync(server, calendar, SimulationWarmUp.Scenario(FirstBudgetYear), pickup);
    profileWatch.Stop();
    Line("| phase | time | share | calls |");
    Line("| --- | --- | --- | --- |");
    foreach (var (phase, time, calls) in phases)
    {
        Line($"| {phase} | {time.TotalSeconds:N2} s | {time / profileWatch.Elapsed:P0} | {calls:N0} |");
    }
    Line($"| total (including dropping the database) | {profileWatch.Elapsed.TotalSeconds:N2} s | | |");
    Line("");
    Line($"For scale: parsing one shipped template's three parts with Fluid takes {PhaseProfile.ParseAllTemplates(50).TotalMilliseconds:N2} ms.");
}
finally
{
    sampler.Dispose();
    if (Directory.Exists(pickupRoot))
    {
        Directory.Delete(pickupRoot, recursive: true);
    }
}

if (output is not null)
{
    await File.WriteAllTextAsync(output, report.ToString());
}
return 0;

async Task<SimulationTiming> SimulateAsync(Scenario scenario)
{
    var pickup = Path.Combine(pickupRoot, scenario.BudgetYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
    var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    var database = await ThrowawayDatabase.CreateAsync(server, "bench_ciclo", [CycleRuntime.Schema]);
    var created = wall.Elapsed;
    SimulationResult result;
    long steps, journal;
    TimeSpan simulated, counted;
    try
    {
        result = await new Simulator(server, calendar, new MailSettings { PickupFolder = pickup }).RunAsync(database.Store, scenario);
        simulated = wall.Elapsed;
        steps = await ScalarAsync(database.Store, "SELECT coalesce(sum(step_count), 0) FROM workflow_instances");
        journal = await ScalarAsync(database.Store, "SELECT count(*) FROM journal");
        counted = wall.Elapsed; // the two counting queries are not the simulation's: left out below
    }
    finally
    {
        await database.DisposeAsync();
    }
    wall.Stop();
    var elapsed = wall.Elapsed - (counted - simulated);
    var databaseTime = created + (wall.Elapsed - counted);
    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
    var files = Directory.Exists(pickup) ? Directory.GetFiles(pickup, "*.eml").Length : 0;
    if (files != result.Emails)
    {
        throw new InvalidOperationException($"{files} .eml files in the pickup folder for {result.Emails} messages sent");
    }
    Directory.Delete(pickup, recursive: true);
    var refused = result.Timeline.Count(e => e.Type == "evento" && e.Detail.Contains("rechazado", StringComparison.Ordinal));
    return new SimulationTiming(elapsed, databaseTime, cpuUsed, result.Emails, steps, journal, refused, result.Incidents.Count);
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

static async Task<long> ScalarAsync(Store store, string sql)
{
    await using var command = store.DataSource.CreateCommand(sql);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record SimulationTiming(TimeSpan Wall, TimeSpan Database, TimeSpan Cpu, int Messages, long Steps, long Journal, int Refused, int Incidents);
