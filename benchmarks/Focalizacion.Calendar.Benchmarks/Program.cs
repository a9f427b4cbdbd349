using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using NodaTime;

// Measures what the calendar issue promises: the business-day table of all 16 regions × 80 years
// (2021–2100), computed from scratch (holiday rules, solstice, special-law file, bit sets), in well
// under a millisecond per region-year. Each iteration starts from a new calendar, so nothing cached
// by an earlier iteration is reused. Usage: dotnet run -c Release -- [output.md]
const int FirstYear = 2021, LastYear = 2100, Warmup = 5, Iterations = 40;
var regionYears = RegionRegistry.All.Count * (LastYear - FirstYear + 1);
var dataFile = Path.Combine(AppContext.BaseDirectory, "Data", SpecialHolidayFile.ShippedFileName);
var specialHolidays = SpecialHolidayFile.Parse(File.ReadAllText(dataFile), dataFile);

long BuildAllTables()
{
    var calendar = HolidayCalendar.Create(specialHolidays);
    long businessDays = 0;
    foreach (var region in RegionRegistry.All)
    {
        var days = calendar.BusinessDays(region);
        for (int year = FirstYear; year <= LastYear; year++)
        {
            businessDays += days.IsBusinessDay(new LocalDate(year, 7, 1)) ? 1 : 0; // builds the year's table
        }
    }
    return businessDays;
}

for (int i = 0; i < Warmup; i++)
{
    BuildAllTables();
}
var perRegionYearNs = new List<double>();
long allocated = 0;
for (int i = 0; i < Iterations; i++)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    BuildAllTables();
    watch.Stop();
    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    perRegionYearNs.Add(watch.Elapsed.TotalNanoseconds / regionYears);
}
perRegionYearNs.Sort();

// Steady-state look-ups on built tables, the operations deadline evaluation performs.
var shared = HolidayCalendar.Create(specialHolidays).BusinessDays(RegionRegistry.ByIsoSuffix("NB"));
var start = new LocalDate(2026, 1, 1);
const int Lookups = 2_000_000;
var lookupWatch = Stopwatch.StartNew();
int hits = 0;
for (int i = 0; i < Lookups; i++)
{
    hits += shared.IsBusinessDay(start.PlusDays(i % 3650)) ? 1 : 0;
}
lookupWatch.Stop();
const int Adds = 200_000;
var addWatch = Stopwatch.StartNew();
for (int i = 0; i < Adds; i++)
{
    hits += shared.AddBusinessDays(start.PlusDays(i % 3650), 15).Day;
}
addWatch.Stop();

string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
double Percentile(double p) => perRegionYearNs[(int)Math.Min(perRegionYearNs.Count - 1, Math.Round(p * (perRegionYearNs.Count - 1)))];
var report = new StringBuilder()
    .AppendLine("# Calendar benchmark: business-day tables")
    .AppendLine()
    .AppendLine("Rerun with `bash benchmarks/run.sh` (Release build; writes this file).")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}")
    .AppendLine(CultureInfo.InvariantCulture, $"- Work per iteration: a new calendar with the shipped special-holiday file, then the table of every region × year {FirstYear}–{LastYear} ({regionYears} region-years)")
    .AppendLine(CultureInfo.InvariantCulture, $"- Iterations: {Iterations} measured after {Warmup} warm-up")
    .AppendLine()
    .AppendLine("| measure | value |")
    .AppendLine("| --- | --- |")
    .AppendLine(CultureInfo.InvariantCulture, $"| time per region-year, median | {F(Percentile(0.5))} ns ({Percentile(0.5) / 1e6:0.0000} ms) |")
    .AppendLine(CultureInfo.InvariantCulture, $"| time per region-year, fastest / 95th percentile | {F(perRegionYearNs[0])} ns / {F(Percentile(0.95))} ns |")
    .AppendLine(CultureInfo.InvariantCulture, $"| all {regionYears} region-years, median | {Percentile(0.5) * regionYears / 1e6:0.00} ms |")
    .AppendLine(CultureInfo.InvariantCulture, $"| allocated per region-year | {F((double)allocated / regionYears)} bytes |")
    .AppendLine(CultureInfo.InvariantCulture, $"| `IsBusinessDay` on a built table | {F(lookupWatch.Elapsed.TotalNanoseconds / Lookups)} ns |")
    .AppendLine(CultureInfo.InvariantCulture, $"| `AddBusinessDays(date, 15)` | {F(addWatch.Elapsed.TotalNanoseconds / Adds)} ns |")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Target: well under 1 ms (1,000,000 ns) per region-year. (checksum {hits})")
    .ToString();

Console.Write(report);
if (args.Length > 0)
{
    File.WriteAllText(args[0], report);
}
