using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Focalizacion.Engine.Benchmarks;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Text;
using Npgsql;

// Usage: dotnet run -c Release -- [output.md] [--rapido] [--solo-pasos]   (--solo-pasos: only (a), for profiling a step)
// Measures, in one run on this machine, against the PostgreSQL that deploy/postgres.sh starts:
//  (a) durable engine steps per second vs the raw commit rate pgbench measures on the same server;
//  (b) 10,000 instances whose timers fall due at the same instant: time until all fired, worst lateness;
//  (c) memory of an engine process while 1,000 / 10,000 / 100,000 instances wait.
var quick = args.Contains("--rapido");
var output = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
int messages = quick ? 2_000 : 10_000, simultaneous = quick ? 2_000 : 10_000, waiting = quick ? 10_000 : 100_000;
const int Concurrency = 4, StepRounds = 3, PgbenchSeconds = 10;
var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

await using var database = await TestDatabase.CreateAsync();
var system = SystemClock.Instance;

Line("# Engine benchmark");
Line("");
Line("Rerun with `bash benchmarks/run.sh` (writes this file). PostgreSQL 15 on this machine, default settings (fsync on).");
Line("");
Line($"- Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
Line($"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick mode: smaller sizes)" : "")}");
Line("");

// (a) Durable steps per second, each one its own committed transaction, against pgbench. This
// machine's commit rate drifts by a factor of two within minutes, so the two are measured in
// alternating rounds, pgbench right before and after each engine round, and each round's ratio
// is taken against the mean of its two neighbours; the headline is the median round. The runtime
// that starts the instances also delivers their messages, and its instance cache is sized for a
// round, so each step is one round trip: what a service process sees for the instances it runs.
// One more round with the cache off shows the two-trip step (state read under lock first).
var runtime = Runtime(database.Store, new RuntimeOptions { InstanceCacheCapacity = messages });
await PublishAsync(runtime, BenchmarkProcess.Message("Mensajes"));
// A warm-up of the same steps on other instances first, unmeasured: the service runs for months,
// so its steady state (methods compiled to their final tier, connections prepared) is what counts.
await DeliverAllAsync(runtime, await StartManyAsync(runtime, "Mensajes", messages / 5));
var before = PgbenchCommitRate(database, Concurrency);
// One round: fresh instances started by the runtime, their messages delivered and timed, then
// pgbench again; the round is compared with the mean of the pgbench runs on either side.
async Task<(double Steps, double Commits, double CpuMs)> RoundAsync(EngineRuntime stepping, string label)
{
    var ids = await StartManyAsync(stepping, "Mensajes", messages);
    Console.Error.WriteLine($"(a) {label}: midiendo pasos…");
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    await DeliverAllAsync(stepping, ids);
    watch.Stop();
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / messages;
    var after = PgbenchCommitRate(database, Concurrency);
    var result = (messages / watch.Elapsed.TotalSeconds, (before + after) / 2, cpuMs);
    before = after;
    return result;
}
var rounds = new List<(double Steps, double Commits, double CpuMs)>();
for (int round = 0; round < StepRounds; round++)
{
    rounds.Add(await RoundAsync(runtime, $"ronda {round + 1}"));
}
var median = rounds.OrderBy(r => r.Steps / r.Commits).ElementAt(rounds.Count / 2);
var uncached = await RoundAsync(Runtime(database.Store, new RuntimeOptions { InstanceCacheCapacity = 0 }), "ronda sin caché");
Line("## (a) Durable engine steps vs raw commits");
Line("");
Line($"Each round: {messages:N0} engine steps (a message → state and journal, in one transaction each; {Concurrency} concurrent), " +
    $"between two {PgbenchSeconds} s pgbench runs of a one-row INSERT per transaction ({Concurrency} clients, same server, same TLS setting).");
Line("");
Line("| round | engine steps/s | pgbench commits/s (mean of before and after) | ratio | engine process CPU per step |");
Line("| --- | --- | --- | --- | --- |");
foreach (var (r, i) in rounds.Select((r, i) => (r, i + 1)))
{
    Line($"| {i} | {r.Steps:N0} | {r.Commits:N0} | {r.Steps / r.Commits:N2} | {r.CpuMs:N2} ms (of {Environment.ProcessorCount * 1000.0 / r.Steps:N2} ms of machine time) |");
}
Line("");
Line($"Median ratio: **{median.Steps / median.Commits:N2}** (aim: 0.5 or better); {median.Steps:N0} steps/s against {median.Commits:N0} commits/s.");
Line("");
Line("In those rounds every step found its instance in the runtime's instance cache (the runtime started them), so it took one round trip: " +
    "the lock with a version check, the writes and COMMIT in one batch. One more round, after those three, with the cache off: each step reads the state under lock first, in a round trip of its own:");
Line("");
Line("| instance cache | engine steps/s | pgbench commits/s (mean of before and after) | ratio |");
Line("| --- | --- | --- | --- |");
Line($"| off | {uncached.Steps:N0} | {uncached.Commits:N0} | {uncached.Steps / uncached.Commits:N2} |");
Line("");

if (args.Contains("--solo-pasos"))
{
    return;
}

// (b) 10,000 timers due at the same instant, fired by two engine runtimes (two processes' worth of pools).
// From here on instances are started by a runtime with the default options, as the service's.
runtime = Runtime(database.Store);
var setupRate = median.Steps;
// Whole seconds: the BPMN timeDate carries no fraction, so lateness and time-to-last share one origin.
var due = Instant.FromUnixTimeSeconds(system.GetCurrentInstant().ToUnixTimeSeconds() + (long)Math.Ceiling(simultaneous / setupRate * 2.5) + 10);
await PublishAsync(runtime, BenchmarkProcess.TimerAt("Simultaneos", InstantPattern.General.Format(due)));
await StartManyAsync(runtime, "Simultaneos", simultaneous);
var setupOverrun = system.GetCurrentInstant() - due;
while (system.GetCurrentInstant() < due)
{
    await Task.Delay(20);
}
var firingWatch = Stopwatch.StartNew();
var workers = Enumerable.Range(0, 2).Select(_ => Runtime(new Store(database.ConnectionString))).ToList();
await Task.WhenAll(workers.SelectMany(w => Enumerable.Range(0, Concurrency / 2).Select(_ => Task.Run(async () =>
{
    while (await w.Timers.FireDueAsync(batchSize: 200) > 0)
    {
    }
}))));
firingWatch.Stop();
var fired = await database.ScalarAsync("SELECT count(*) FROM timers WHERE state = 'Fired'");
var worstLatenessMs = await database.ScalarAsync("SELECT coalesce(max(extract(epoch FROM lateness) * 1000), 0)::bigint FROM timers WHERE state = 'Fired'");
var lastFiredMs = await database.ScalarAsync($"SELECT (extract(epoch FROM max(fired_at)) * 1000)::bigint - {due.ToUnixTimeMilliseconds()} FROM timers WHERE state = 'Fired'");
Line($"## (b) {simultaneous:N0} timers due at the same instant");
Line("");
Line("| measure | value |");
Line("| --- | --- |");
Line($"| fired | {fired:N0} of {simultaneous:N0} (each once: firing is one locked transaction per timer) |");
Line($"| time from the due instant until the last fired | **{lastFiredMs / 1000.0:N1} s** (aim: under 60 s) |");
Line($"| worst lateness | {worstLatenessMs / 1000.0:N1} s |");
Line($"| firing throughput | {fired / firingWatch.Elapsed.TotalSeconds:N0} timers/s with 2 runtimes × {Concurrency / 2} loops |");
if (setupOverrun > Duration.Zero)
{
    Line($"| note | set-up ran {setupOverrun.TotalSeconds:N1} s past the due instant; that time is inside the lateness |");
}
Line("");

// (c) Memory of an engine process while instances wait: nothing is held per instance in memory.
Line($"## (c) Memory while instances wait");
Line("");
Line("| waiting instances | managed heap after a sweep | process working set | states in the starting runtime's instance cache |");
Line("| --- | --- | --- | --- |");
var far = system.GetCurrentInstant() + Duration.FromDays(300);
await PublishAsync(runtime, BenchmarkProcess.TimerAt("EnEspera", InstantPattern.General.Format(far)));
runtime = Runtime(database.Store); // its cache holds only these waiting instances
var engine = Runtime(new Store(database.ConnectionString));
int created = 0;
foreach (var level in new[] { 1_000, 10_000, waiting }.Where(l => l <= waiting).Distinct())
{
    await StartManyAsync(runtime, "EnEspera", level - created);
    created = level;
    await engine.Timers.FireDueAsync();
    await engine.Outbox.DeliverDueAsync();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    Line($"| {level:N0} | {GC.GetTotalMemory(forceFullCollection: true) / 1_048_576.0:N1} MiB | {self.WorkingSet64 / 1_048_576.0:N0} MiB | {runtime.Steps.CachedInstances:N0} |");
}
Line("");
Line("The working set includes the benchmark's own set-up; the managed heap after a sweep is what the engine holds, " +
    $"its instance cache included (at most {new RuntimeOptions().InstanceCacheCapacity:N0} states by default).");

if (output is not null)
{
    await File.WriteAllTextAsync(output, report.ToString());
}

// The engine with the test module (its "registrar" handler and fixture calendars), as the engine's tests run it.
EngineRuntime Runtime(Store store, RuntimeOptions? options = null) => new(store, system, TestModule.Create(store, system), options);

static async Task PublishAsync(EngineRuntime runtime, string xml)
{
    var (draft, result) = await runtime.Definitions.ImportAsync(xml, Actor.Cli("benchmark"));
    if (draft is null)
    {
        throw new InvalidOperationException(string.Join("; ", result.Problems) + result.NotBpmnReason);
    }
    await runtime.Definitions.PublishAsync(draft.Id, Actor.Cli("benchmark"));
}

static async Task<List<Guid>> StartManyAsync(EngineRuntime runtime, string key, int count)
{
    var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, token) =>
        ids.Add(await runtime.Instances.StartAsync(key, new JsonObject { ["region"] = "RM", ["anioPresupuestario"] = 2027 }, null, "RM/2027", Actor.Cli("benchmark"), token)));
    return [.. ids];
}

static Task DeliverAllAsync(EngineRuntime runtime, List<Guid> ids) =>
    Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (id, token) =>
    {
        var outcome = await runtime.Instances.SendMessageAsync(id, "documento", null, Actor.Cli("benchmark"), token);
        if (!outcome.Applied)
        {
            throw new InvalidOperationException(outcome.Refusal);
        }
    });

static double PgbenchCommitRate(TestDatabase database, int clients)
{
    var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
    using (var command = database.Store.DataSource.CreateCommand("CREATE TABLE IF NOT EXISTS pgbench_commit (id bigserial PRIMARY KEY, v integer NOT NULL)"))
    {
        command.ExecuteNonQuery();
    }
    var script = Path.GetTempFileName();
    File.WriteAllText(script, "INSERT INTO pgbench_commit (v) VALUES (1);\n");
    var start = new ProcessStartInfo("pgbench", $"-h {builder.Host} -p {builder.Port} -U {builder.Username} -n -c {clients} -j 2 -T {PgbenchSeconds} -f {script} {builder.Database}")
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    start.Environment["PGPASSWORD"] = builder.Password;
    // libpq's own default (prefer) would use TLS whatever the engine's connection does.
    start.Environment["PGSSLMODE"] = builder.SslMode == SslMode.Disable ? "disable" : "prefer";
    using var process = Process.Start(start)!;
    var text = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    File.Delete(script);
    var match = Regex.Match(text, @"tps = ([0-9.]+)");
    return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException("pgbench: " + text + process.StandardError.ReadToEnd());
}
