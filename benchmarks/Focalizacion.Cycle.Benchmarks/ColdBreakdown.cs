using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Oficios;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace Focalizacion.Cycle.Benchmarks;

/// <summary>
/// What a new process's first simulation spends its time on, measured rather than guessed: in a
/// fresh child process, each expensive first use on its own before the simulation (Npgsql's first
/// connection, EF Core's model and a query's compilation, the shipped workflow's import, the first
/// oficio's PDF with its fonts), then the simulation itself and a second one. Each phase has its
/// wall and CPU time and what the JIT compiled meanwhile (<see cref="JitInfo"/>: methods and the
/// time spent compiling them, on any thread); the simulations also give the wall time of their
/// database statements, the throwaway database's creation and removal apart.
/// </summary>
internal static class ColdBreakdown
{
    public static async Task<int> ChildAsync(string server, HolidayCalendar calendar, Scenario scenario)
    {
        var rows = new StringBuilder();
        var self = Process.GetCurrentProcess();
        var jitBefore = (Time: JitInfo.GetCompilationTime(), Methods: JitInfo.GetCompiledMethodCount());
        Row("start-up until Main (runtime, host, assemblies)", (DateTime.Now - self.StartTime).TotalSeconds, self.TotalProcessorTime.TotalSeconds,
            jitBefore.Methods, jitBefore.Time.TotalSeconds, "");

        await PhaseAsync("Npgsql: first connection and query", async () =>
        {
            await using var source = NpgsqlDataSource.Create(server);
            await using var command = source.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync();
            return "";
        });
        await PhaseAsync("EF Core: the model and one query compiled", async () =>
        {
            await using var store = new Store(server);
            using var db = store.Open();
            _ = db.Model;
            _ = db.Timers.Where(t => t.InstanceId == Guid.Empty).OrderBy(t => t.DueAt).ToQueryString();
            return "";
        });
        await PhaseAsync("BPMN: the shipped workflow imported (validated)", async () =>
        {
            await using var store = new Store(server);
            var runtime = CycleRuntime.Create(store, SystemClock.Instance, calendar, new MailSettings(), UnsentTransport.Instance, CycleRuntime.Options);
            return runtime.Definitions.Validate(ShippedWorkflow.Bpmn.ToArray()).Success ? "" : "does not import";
        });
        await PhaseAsync("PDF: the first oficio (PDFsharp, fonts)", () =>
        {
            var letter = new OficioLetter(new OficioNumber(1, 2026), "Dirección Regional de Sercotec", Instant.FromUtc(2026, 3, 2, 15, 0),
                "OFICIO N° 1/2026\n\nSeñor Gobernador Regional:\n\n" + string.Concat(Enumerable.Repeat("Texto de la carta del ciclo de focalización. ", 40)));
            return Task.FromResult($"{OficioPdf.Render(letter, PdfFonts.DejaVu).Length / 1024:N0} KiB");
        });
        await PhaseAsync("the simulation (what is left cold)", () => SimulateAsync(server, calendar, scenario));
        await PhaseAsync("a second simulation (warm)", () => SimulateAsync(server, calendar, scenario));
        Console.Write(rows.ToString());
        return 0;

        async Task PhaseAsync(string name, Func<Task<string>> phase)
        {
            var cpu = self.TotalProcessorTime;
            var jit = (Time: JitInfo.GetCompilationTime(), Methods: JitInfo.GetCompiledMethodCount());
            var watch = Stopwatch.StartNew();
            var note = await phase();
            watch.Stop();
            self.Refresh();
            Row(name, watch.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu).TotalSeconds,
                JitInfo.GetCompiledMethodCount() - jit.Methods, (JitInfo.GetCompilationTime() - jit.Time).TotalSeconds, note);
        }

        void Row(string name, double wall, double cpu, long methods, double jitSeconds, string note) =>
            rows.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {wall:N2} s | {cpu:N2} s | {methods:N0} | {jitSeconds:N2} s | {note} |"));
    }

    /// <summary>One simulation, with the wall time of its statements (Npgsql's activities): all of them, and the database's creation and removal.</summary>
    private static async Task<string> SimulateAsync(string server, HolidayCalendar calendar, Scenario scenario)
    {
        long statements = 0, database = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName)?.ToString() ?? "";
                Interlocked.Add(ref statements, activity.Duration.Ticks);
                if (text.Contains(" DATABASE ", StringComparison.Ordinal))
                {
                    Interlocked.Add(ref database, activity.Duration.Ticks);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var result = await Simulator.RunUnsentAsync(server, calendar, scenario);
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Timeline.Count} entries; statements {TimeSpan.FromTicks(statements).TotalSeconds:N2} s, of which creating and dropping the database {TimeSpan.FromTicks(database).TotalSeconds:N2} s");
    }
}
