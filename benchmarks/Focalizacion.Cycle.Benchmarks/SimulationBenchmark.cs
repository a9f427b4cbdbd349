using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Simulation;

namespace Focalizacion.Cycle.Benchmarks;

/// <summary>
/// The interactive simulation's targets (issue 15: one region-year under 1 s, all 16 under 3 s):
/// the service's own entry point (<see cref="Simulator.RunUnsentAsync"/>, what <c>POST
/// /api/v1/simulaciones</c> and the designer call), one region and all 16, cold (the first
/// simulation of a fresh process, each in a child process of its own) and warm (the service,
/// which stays up, after its first).
/// </summary>
internal static class SimulationBenchmark
{
    private const int BudgetYear = 2027;

    /// <summary>Simulations of the 16 regions run, untimed, between the warm and the settled measurements.</summary>
    private const int SettlingRuns = 8;

    /// <summary>One region (Ñuble) where nobody acts: the whole fallback path, its oficios and the outcome.</summary>
    public static Scenario OneRegion() => Scenario.Empty(BudgetYear) with { Regions = [RegionRegistry.ByIsoSuffix("NB")] };

    public static Scenario AllRegions() => SimulationWarmUp.Scenario(BudgetYear);

    private static Scenario Named(string name) => name == "una" ? OneRegion() : AllRegions();

    /// <summary>In a child process: one simulation, first thing, its timings as one JSON line on stdout.</summary>
    public static async Task<int> ColdChildAsync(string server, HolidayCalendar calendar, string scenario, TimeSpan warmUp = default)
    {
        var run = await TimedAsync(server, calendar, Named(scenario));
        var self = Process.GetCurrentProcess();
        Console.WriteLine(JsonSerializer.Serialize(new ColdTiming(run, self.TotalProcessorTime.TotalSeconds, (DateTime.Now - self.StartTime).TotalSeconds, warmUp.TotalSeconds)));
        return 0;
    }

    /// <summary>For a profiler: one warm-up, then <paramref name="runs"/> warm simulations of all 16 regions.</summary>
    public static async Task ProfileAsync(string server, HolidayCalendar calendar, int runs)
    {
        await TimedAsync(server, calendar, AllRegions());
        var statements = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName)?.ToString() ?? "?";
                statements.AddOrUpdate(text.Length > 90 ? text[..90] : text, 1, (_, n) => n + 1);
            },
        })
        {
            ActivitySource.AddActivityListener(listener);
            await TimedAsync(server, calendar, AllRegions());
        }
        foreach (var (text, count) in statements.OrderByDescending(p => p.Value).Take(40))
        {
            Console.WriteLine($"{count,6} {text.ReplaceLineEndings(" ")}");
        }
        for (int i = 0; i < runs; i++)
        {
            var jit = (Methods: System.Runtime.JitInfo.GetCompiledMethodCount(), Time: System.Runtime.JitInfo.GetCompilationTime());
            var run = await TimedAsync(server, calendar, AllRegions());
            Console.WriteLine($"{run.WallSeconds:N2} s wall, {run.CpuSeconds:N2} s CPU, {run.Commands:N0} commands, {run.AllocatedMiB:N0} MiB, " +
                $"JIT {System.Runtime.JitInfo.GetCompiledMethodCount() - jit.Methods:N0} methods in {(System.Runtime.JitInfo.GetCompilationTime() - jit.Time).TotalSeconds:N2} s");
        }
    }

    public static async Task RunAsync(string server, HolidayCalendar calendar, string? output, int repetitions, string? serviceDll = null)
    {
        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }
        var loadBefore = LoadAverage();
        var machineBefore = MachineCpu.Read();
        var started = DateTime.UtcNow;

        var cold = new Dictionary<string, (Timing Run, TimeSpan ProcessCpu, TimeSpan ProcessWall)>();
        foreach (var name in new[] { "una", "todas" })
        {
            cold[name] = await ColdAsync(name);
        }
        var breakdown = await ChildAsync("--frio-desglose", "todas");
        // Warm: as the service, which stays up; the first of each is its warm-up.
        await TimedAsync(server, calendar, OneRegion());
        await TimedAsync(server, calendar, AllRegions());
        var warm = await RepeatedAsync();
        // Settled: the same process once the JIT has finished tiering up what simulations run
        // (TieredPGO recompiles hot methods over the first several runs, on the same two cores).
        for (int i = 0; i < SettlingRuns; i++)
        {
            await TimedAsync(server, calendar, AllRegions());
        }
        var settled = await RepeatedAsync();
        var machineAfter = MachineCpu.Read();

        Line("# Simulation benchmark (interactive targets)");
        Line("");
        Line("Rerun with `bash benchmarks/simulacion.sh` (writes this file). Issue 15's targets for simulating before publishing: **one region-year under 1 s, all 16 regions under 3 s**. " +
            "Measured through `Simulator.RunUnsentAsync`, what `POST /api/v1/simulaciones`, `POST /api/v1/disenador/simulaciones` and `simular` call: the shipped workflow, the real engine, " +
            "handlers and PostgreSQL store in virtual time, a throwaway database per run (a copy of a prepared template), every message composed and then dropped (`UnsentTransport`).");
        Line("");
        Line($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, workstation GC; PostgreSQL 15 on the same cores, fsync on.");
        Line($"- Run: {started:yyyy-MM-dd HH:mm} UTC. Load average (1 min) before: {loadBefore}, after: {LoadAverage()}; the machine's CPU was {machineAfter.BusyShare(machineBefore):P0} busy over the run " +
            "(this process, PostgreSQL and whatever else runs: other sessions share these cores, which inflates wall times).");
        Line("- One region: Ñuble, budget year 2027, nobody acts (the fallback: reminders, notices, the fallback oficio and the outcome). All regions: the realistic scenario of `ciclo.md` " +
            "(8 regions act on time, 8 do nothing, 8 with a previous focalización).");
        Line("- Cold: the first simulation in a new process (JIT, EF Core model, first import of the workflow), each in a child process of its own; wall and CPU are the simulation's, " +
            "the process's whole life is given beside it. Warm: the same process after one simulation of each, as the service runs them; " +
            $"{repetitions} runs each, median and fastest. Settled: the same process after {SettlingRuns} more simulations of the 16 regions, when the JIT has " +
            "finished recompiling the hot paths with its profile (until then its background compilations share the two cores); again " +
            $"{repetitions} runs each.");
        Line("- CPU: this process's user + system time during the run (PostgreSQL's own CPU is not in it).");
        Line("");
        Line("| simulation | cold: wall | cold: CPU | cold: whole process wall / CPU | warm: wall, median (fastest) | warm: CPU, median | settled: wall, median (fastest) | settled: CPU, median | round trips | allocated | messages | timeline entries | target |");
        Line("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (name, title, target) in new[] { ("una", "one region-year (NB)", 1.0), ("todas", "16 region-years", 3.0) })
        {
            var (c, processCpu, processWall) = cold[name];
            var w = warm[name];
            var st = settled[name];
            var wall = Median(w.Select(r => r.WallSeconds));
            var settledWall = Median(st.Select(r => r.WallSeconds));
            Line($"| {title} | {c.WallSeconds:N2} s | {c.CpuSeconds:N2} s | {processWall.TotalSeconds:N2} s / {processCpu.TotalSeconds:N2} s | " +
                $"**{wall:N2} s** ({w.Min(r => r.WallSeconds):N2} s) | {Median(w.Select(r => r.CpuSeconds)):N2} s | " +
                $"**{settledWall:N2} s** ({st.Min(r => r.WallSeconds):N2} s) | {Median(st.Select(r => r.CpuSeconds)):N2} s | {w[^1].Commands:N0} | {w[^1].AllocatedMiB:N0} MiB | {c.Messages:N0} | {c.Entries:N0} | " +
                $"{target:N0} s: {Met(settledWall, "settled")}, {Met(wall, "warm")}, {Met(c.WallSeconds, "cold")} |");
            string Met(double seconds, string when) => $"{(seconds < target ? "met" : "not met")} {when}";
        }
        Line("");
        Line("## What a cold run spends its time on");
        Line("");
        Line("The sixteen regions in a new process (`--frio-desglose todas`), each expensive first use on its own before the simulation, in this order, then the simulation (what is left " +
            "cold) and a second one in the same process. JIT: the methods the runtime compiled during the phase and the time it spent compiling them, on any thread " +
            "(`System.Runtime.JitInfo`; background recompilations included, so it can exceed the phase's wall time). Statements: the wall time of the simulation's round trips " +
            "(Npgsql's activities).");
        Line("");
        Line("| phase | wall | CPU | JIT: methods | JIT: time | notes |");
        Line("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in breakdown.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('|')))
        {
            Line(row);
        }
        Line("");
        if (serviceDll is not null)
        {
            Line(await ServiceStartBenchmark.RunAsync(server, serviceDll, repetitions == 3 ? 1 : 3));
        }
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report.ToString());
        }

        async Task<Dictionary<string, List<Timing>>> RepeatedAsync()
        {
            var runs = new Dictionary<string, List<Timing>>();
            foreach (var name in new[] { "una", "todas" })
            {
                runs[name] = [];
                for (int i = 0; i < repetitions; i++)
                {
                    runs[name].Add(await TimedAsync(server, calendar, Named(name)));
                }
            }
            return runs;
        }

        async Task<(Timing, TimeSpan, TimeSpan)> ColdAsync(string name)
        {
            var line = (await ChildAsync("--frio", name)).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            var cold = JsonSerializer.Deserialize<ColdTiming>(line)!;
            return (cold.Run, TimeSpan.FromSeconds(cold.ProcessCpuSeconds), TimeSpan.FromSeconds(cold.ProcessWallSeconds));
        }
    }

    /// <summary>This benchmark again in a new process, with <paramref name="mode"/> and <paramref name="name"/>; what it printed.</summary>
    private static async Task<string> ChildAsync(string mode, string name)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SimulationBenchmark).Assembly.Location);
        }
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(name);
        using var child = Process.Start(start)!;
        var text = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return child.ExitCode == 0 ? text : throw new InvalidOperationException($"the child «{mode} {name}» exited with {child.ExitCode}");
    }

    private static async Task<Timing> TimedAsync(string server, HolidayCalendar calendar, Scenario scenario)
    {
        using var commands = new CommandCounter();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await Simulator.RunUnsentAsync(server, calendar, scenario);
        watch.Stop();
        if (result.Incidents.Count > 0)
        {
            throw new InvalidOperationException($"incidents: {string.Join("; ", result.Incidents)}");
        }
        return new Timing(watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, result.Emails, result.Timeline.Count,
            commands.Count, (GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1_048_576.0);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    internal sealed record ColdTiming(Timing Run, double ProcessCpuSeconds, double ProcessWallSeconds, double WarmUpSeconds = 0);

    internal sealed record Timing(double WallSeconds, double CpuSeconds, int Messages, int Entries, long Commands, double AllocatedMiB);

    /// <summary>Counts the statements Npgsql sends while it lives (its <c>Npgsql</c> meter's command durations): a batch counts once, as one round trip.</summary>
    private sealed class CommandCounter : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _count;

        public CommandCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name.Contains("duration", StringComparison.Ordinal) && !instrument.Name.Contains("connection", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _count));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The machine's CPU counters from <c>/proc/stat</c> (all cores): busy and total jiffies.</summary>
    private readonly record struct MachineCpu(long Busy, long Total)
    {
        public static MachineCpu Read()
        {
            if (!File.Exists("/proc/stat"))
            {
                return default;
            }
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            long idle = fields[3] + fields[4];
            long total = fields.Take(8).Sum();
            return new MachineCpu(total - idle, total);
        }

        public double BusyShare(MachineCpu before) => Total == before.Total ? 0 : (double)(Busy - before.Busy) / (Total - before.Total);
    }
}
