using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Catalogos;
using Focalizacion.Documents.Comunas;
using Focalizacion.Documents.Conformidad;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Nacional;
using Focalizacion.Documents.Persistence;
using Focalizacion.Documents.Plantilla;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Access;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

// Usage: dotnet run -c Release -- [output.md] [--rapido]
// Measures: (a) reading and validating an uploaded 2,000-line XLSX (WorkbookReader: package guard,
// SAX reading, every rule) plus the conformity check, in process; (a'') the whole upload path with
// storing, on PostgreSQL (FOCALIZACION_DB's server, a throwaway database): validate, archive the
// file with its SHA-256 and store the version, in one transaction; (b) the national export of 16
// regions (XLSX and CSV). p50/p99 over repetitions after a warm-up.
var quick = args.Contains("--rapido");
var output = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
int repetitions = quick ? 10 : 40;
var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

var upload = Build("NB", 2_000);
var xlsx = TemplateWriter.Write("NB", 2027, Stage.Final, upload);
var regions = RegionRegistry.All.Select(r => new RegionalFocalizacion(r.IsoSuffix, Build(r.IsoSuffix, 250), Origins.Final(1))).ToList();

Line("# Documents benchmark (focalización XLSX)");
Line("");
Line("Rerun with `bash benchmarks/run.sh` (writes this file; `--rapido`: 10 instead of 40 repetitions). In process, `Focalizacion.Documents`; " +
    "(a'') also stores on this machine's PostgreSQL 15 (a throwaway database, default settings, fsync on). Each measure is repeated after one warm-up run; p50/p99 of the wall times, bytes allocated by one run (the whole process, which runs nothing else meanwhile; the storing includes Npgsql's work on other threads), " +
    "and the process's peak working set at the end of the measure.");
Line("");
Line($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, workstation GC");
Line($"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {repetitions} repetitions{(quick ? " (quick mode)" : "")}; load average (1 min) at the start: {LoadAverage()}");
Line($"- Upload: the export of a final of Ñuble with {upload.Lines.Count:N0} lines (every field filled, communes, territories and sectors), {xlsx.Length / 1024.0:N0} KiB");
Line($"- National export: 16 regions × {regions[0].Focalizacion!.Lines.Count} lines = {regions.Sum(r => r.Focalizacion!.Lines.Count):N0} lines");
Line("");
Line("| measure | p50 | p99 | allocated per run | peak working set |");
Line("| --- | --- | --- | --- | --- |");
Measure("(a) read and validate the 2,000-line XLSX (`WorkbookReader.Read`)", () =>
{
    var read = WorkbookReader.Read(new MemoryStream(xlsx, writable: false), "NB", 2027, Stage.Final);
    if (!read.IsValid)
    {
        throw new InvalidOperationException(string.Join("\n", read.Problems));
    }
});
Measure("(a') the same plus the conformity check", () =>
{
    var read = WorkbookReader.Read(new MemoryStream(xlsx, writable: false), "NB", 2027, Stage.Final);
    ConformityCheck.Check(read.Focalizacion!, null, actaPdfPresent: true);
});
await using (var database = await ScratchDatabase.CreateAsync())
{
    var archive = new DocumentArchive(database.Store, SystemClock.Instance);
    var versions = new FocalizacionVersions(database.Store, SystemClock.Instance);
    var actor = Actor.Cli("benchmark");
    Measure("(a'') validate, archive (SHA-256) and store the version, one transaction on PostgreSQL", () => database.Store.WriteAsync(RegionScope.All, async () =>
    {
        using var file = new MemoryStream(xlsx, writable: false);
        var read = WorkbookReader.Read(file, "NB", 2027, Stage.Final);
        var observations = ConformityCheck.Check(read.Focalizacion!, null, actaPdfPresent: true);
        file.Position = 0;
        var stored = await archive.StoreAsync(new NewDocument("NB", 2027, DocumentTypes.PlanillaFocalizacion, "focalizacion.xlsx", TemplateWriter.ContentType), actor, file);
        return await versions.SubmitAsync(read.Focalizacion!, observations, stored.Id, null, actor);
    }).GetAwaiter().GetResult());
}
Measure("writing that export (`TemplateWriter.Write`)", () => TemplateWriter.Write("NB", 2027, Stage.Final, upload));
Measure("(b) national export of 16 regions, XLSX (`NationalExport.ToXlsx`)", () => NationalExport.ToXlsx(2027, regions));
Measure("(b) national export of 16 regions, CSV (`NationalExport.ToCsv`)", () => NationalExport.ToCsv(2027, regions));
Line("");
Line("The upload path streams: a seekable upload is read in place (a non-seekable one is copied once, up to 20 MB); the package guard decompresses each part once " +
    "into a counter, then the SAX reader loads one cell at a time. What the reader keeps is the cells' text (the rows of the sheet) and the model.");

if (output is not null)
{
    await File.WriteAllTextAsync(output, report.ToString());
}

void Measure(string name, Action run)
{
    run(); // warm-up
    var times = new List<double>();
    long allocated = 0;
    for (var i = 0; i < repetitions; i++)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        run();
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    var p99 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)];
    Line($"| {name} | **{times[times.Count / 2]:N0} ms** | {p99:N0} ms | {allocated / 1_048_576.0:N1} MiB | {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MiB |");
}

static Focalizacion.Documents.Focalizaciones.Focalizacion Build(string region, int lineCount)
{
    var communes = Communes.OfRegion(region).Select(c => c.Cut).ToList();
    var territories = new List<Territory> { new("Territorio norte", communes.Take(3).ToList()), new("Territorio sur", communes.TakeLast(3).ToList()) };
    var focalizing = Instruments.All.Take(Instruments.All.Count - 1).ToList();
    var lines = new List<FocalizacionLine>();
    for (var i = 0; i < lineCount - 1; i++)
    {
        lines.Add(new FocalizacionLine(
            focalizing[i % focalizing.Count],
            $"Acción {i + 1}: apoyo a negocios de la zona",
            "Fortalecer la comercialización y la asociatividad de las micro y pequeñas empresas de la región, con énfasis en la economía local.",
            true,
            (i % 3) switch
            {
                0 => TerritorialCriterion.WholeRegion,
                1 => TerritorialCriterion.OfCommunes(communes.Skip(i % communes.Count).Take(3).ToList()),
                _ => TerritorialCriterion.OfTerritory(territories[i % 2].Name),
            },
            [.. Sectors.All.Skip(i % 18).Take(3).Select(s => s.Code)],
            new ClientProfile(ClientProfiles.Genders[i % ClientProfiles.Genders.Count], ClientProfiles.Ethnicities[i % ClientProfiles.Ethnicities.Count], ClientProfiles.AgeRanges[i % ClientProfiles.AgeRanges.Count]),
            10_000_000L + (i * 1_000),
            20 + (i % 100),
            new GovernmentCommitment(i % 2 == 0, i % 2 == 0 ? "Compromiso regional de desarrollo productivo" : ""),
            "Diversificar la matriz productiva regional",
            "Baja asociatividad y acceso a mercados"));
    }
    lines.Add(FocalizacionLine.NotFocalized(Instruments.All[^1]));
    return new(region, 2027, Stage.Final, lines, territories, new ActaCore("Acuerdo N° 1234", new LocalDate(2026, 12, 15)));
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

/// <summary>A database of its own on FOCALIZACION_DB's server (the role and database deploy/postgres.sh creates), migrated, dropped afterwards.</summary>
internal sealed class ScratchDatabase(NpgsqlConnectionStringBuilder server, string name, Store store) : IAsyncDisposable
{
    public Store Store { get; } = store;

    public static async Task<ScratchDatabase> CreateAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(DatabaseSetting.FromEnvironment());
        var name = $"focalizacion_bench_documentos_{Environment.ProcessId}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var store = new Store(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString);
        await Migrator.ApplyAsync(store.DataSource, CycleRuntime.Schemas);
        return new ScratchDatabase(server, name, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
