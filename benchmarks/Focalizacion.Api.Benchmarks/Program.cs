using System.Diagnostics;
using System.Globalization;
using System.Text;
using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.VirtualTime;
using NodaTime;
using NodaTime.Text;
using Npgsql;

// Usage: dotnet run -c Release -- <database> <output-folder>
// The data of the API benchmark (benchmarks/api.sh), in a database of that name on FOCALIZACION_DB's
// server (dropped first if it exists, kept afterwards): the real engine, shipped workflow and cycle
// handlers, in virtual time, one clock running without a break from 1 January 2020 to 1 February
// 2030, as a service left running for ten years would: every budget year's 16 cycles start on
// their start moment (1 January of the cycle year, 00:00 mainland), the realistic scenario of the
// cycle benchmark acts in each (8 regions on time, 8 idle), every timer fires and every email goes
// out (to a pickup folder) when due. Budget years 2021–2030 are complete; 2031's cycles have just
// started (a month in, as on the service's day). Writes into <output-folder>: historia.md (what was
// made, rows per table), reloj (the instant the history stops, for FOCALIZACION_RELOJ),
// administrador.token and gore-nb.token (a personal access token each).
if (args.Length != 2)
{
    Console.Error.WriteLine("uso: Focalizacion.Api.Benchmarks <base> <carpeta-de-salida>");
    return 2;
}
var (databaseName, outputFolder) = (args[0], args[1]);
const int FirstBudgetYear = 2021; // the calendar's first (its first cycle year is 2020)
const int LastCompleteYear = 2030;
var server = DatabaseSetting.FromEnvironment();
var calendar = SpecialHolidayData.Load(null);
var pickup = Path.Combine(outputFolder, "correo");
Directory.CreateDirectory(outputFolder);

var wall = Stopwatch.StartNew();
await using (var admin = new NpgsqlConnection(server))
{
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
    await using var create = new NpgsqlCommand($"CREATE DATABASE {databaseName}", admin);
    await create.ExecuteNonQueryAsync();
}
var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = databaseName }.ConnectionString;
await using var store = new Store(connectionString);
await Migrator.ApplyAsync(store.DataSource, CycleRuntime.Schemas);

var startMoment = CycleStartMoment.Default;
var start = startMoment.For(FirstBudgetYear);
var end = new LocalDate(LastCompleteYear, 2, 1).AtStartOfDayInZone(Focalizacion.Calendar.ChileanTime.Mainland).ToInstant();
var clock = new VirtualClock(start);
var runtime = CycleRuntime.Create(store, clock, calendar, new MailSettings { PickupFolder = pickup });
var driver = new VirtualTimeDriver(clock, runtime.Timers, runtime.Outbox);
var recorder = new CycleEventRecorder(runtime.Instances, new DeclaredConformity());
var starter = new CycleStarter(runtime, calendar);
await CycleBootstrap.PrepareAsync(runtime, Actor.Simulation);
// Before the first year there is no history: the scenario's "previous focalización" of 2020, as the simulation records it.
foreach (var region in SimulationWarmUp.WithPrevious)
{
    await new CycleRecords(store).RecordOutcomeAsync(region.IsoSuffix, FirstBudgetYear - 1, CycleOutcomes.Final, start, "escenario");
}

// Everything that happens from outside the engine, in time order: the cycles' starts and the scenario's events.
var actions = new List<(Instant At, int Order, Func<Task<bool>> Act)>();
for (int year = FirstBudgetYear; year <= LastCompleteYear + 1; year++)
{
    var budgetYear = year;
    if (startMoment.For(budgetYear) > end)
    {
        break;
    }
    foreach (var region in RegionRegistry.All)
    {
        actions.Add((startMoment.For(budgetYear), actions.Count, () => StartAsync(budgetYear, region)));
    }
    if (budgetYear > LastCompleteYear)
    {
        continue;
    }
    foreach (var scenarioEvent in SimulationWarmUp.Scenario(budgetYear).Events)
    {
        actions.Add((scenarioEvent.At, actions.Count, async () =>
            (await recorder.RecordAsync(scenarioEvent.Region.IsoSuffix, budgetYear, scenarioEvent.Event, scenarioEvent.Data, Actor.Simulation)).Applied));
    }
}
async Task<bool> StartAsync(int budgetYear, Region region)
{
    await starter.StartAsync(budgetYear, region, new Dictionary<string, LocalDate>(), Actor.Simulation);
    return true;
}
var refused = 0;
foreach (var (at, _, act) in actions.OrderBy(a => a.At).ThenBy(a => a.Order))
{
    await driver.RunUntilAsync(at);
    refused += await act() ? 0 : 1;
    await driver.SettleAsync();
}
await driver.RunUntilAsync(end);
var history = wall.Elapsed;

// The two callers: an administrator (sees the 16 regions) and a GORE of Ñuble (sees NB only).
var users = new UserStore(store, clock);
var tokens = new AccessTokens(store, clock);
foreach (var (file, user) in new[]
{
    ("administrador.token", new NewUser("admin@benchmark.invalid", "administrador", null, "Administración (benchmark)", null)),
    ("gore-nb.token", new NewUser("gore.nb@benchmark.invalid", "gore", "NB", "GORE Ñuble (benchmark)", null)),
})
{
    var (created, problem) = await users.CreateAsync(user, null, Focalizacion.Runtime.Actor.Cli("benchmark"));
    var id = created?.Id ?? throw new InvalidOperationException(problem);
    await File.WriteAllTextAsync(Path.Combine(outputFolder, file), (await tokens.CreateAsync(id, "benchmark de la API", AccessTokens.MaxDays, Focalizacion.Runtime.Actor.Cli("benchmark"))).Token);
}
await File.WriteAllTextAsync(Path.Combine(outputFolder, "reloj"), OffsetDateTimePattern.ExtendedIso.Format(end.InZone(Focalizacion.Calendar.ChileanTime.Mainland).ToOffsetDateTime()));

// What the history holds.
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"- Budget years {FirstBudgetYear}–{LastCompleteYear} complete (16 regions each), {LastCompleteYear + 1} started: one virtual clock from " +
    $"{Format(start)} to {Format(end)}, {actions.Count:N0} outside actions ({(LastCompleteYear - FirstBudgetYear + 2) * 16} cycle starts, the rest scenario events), {refused} refused; " +
    $"made in {history.TotalSeconds:N0} s (database created and migrated included).");
var nextTimer = await runtime.Timers.NextDueAsync();
var nextAttempt = await runtime.Outbox.NextAttemptAsync();
report.AppendLine(CultureInfo.InvariantCulture, $"- The service runs with `FOCALIZACION_RELOJ={File.ReadAllText(Path.Combine(outputFolder, "reloj"))}`, where the history stops: " +
    $"its next timer is due {(nextTimer is { } t ? Format(t) : "never")}, its next outbox attempt {(nextAttempt is { } a ? Format(a) : "none")} — nothing is due while the benchmark runs, so the engine stays idle.");
report.AppendLine(CultureInfo.InvariantCulture, $"- Emails written to the pickup folder while making it: {Directory.GetFiles(pickup, "*.eml").Length:N0}.");
report.AppendLine();
report.AppendLine("| table | rows |");
report.AppendLine("| --- | --- |");
var tables = new List<string>();
await using (var list = store.DataSource.CreateCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
await using (var reader = await list.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        tables.Add(reader.GetString(0));
    }
}
foreach (var table in tables)
{
    await using var count = store.DataSource.CreateCommand($"SELECT count(*) FROM \"{table}\"");
    report.AppendLine(CultureInfo.InvariantCulture, $"| {table} | {(long)(await count.ExecuteScalarAsync())!:N0} |");
}
await using (var size = store.DataSource.CreateCommand("SELECT pg_database_size(current_database())"))
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| (database size) | {(long)(await size.ExecuteScalarAsync())! / 1_048_576.0:N0} MiB |");
}
await File.WriteAllTextAsync(Path.Combine(outputFolder, "historia.md"), report.ToString());
Directory.Delete(pickup, recursive: true);
Console.Write(report);
return refused == 0 ? 0 : 1;

static string Format(Instant instant) => instant.InZone(Focalizacion.Calendar.ChileanTime.Mainland).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
