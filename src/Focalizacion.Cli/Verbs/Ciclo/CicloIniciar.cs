using Focalizacion.Calendar;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Plan;
using Focalizacion.Cycle.Starting;
using NodaTime.Text;

namespace Focalizacion.Cli.Verbs.Ciclo;

/// <summary>
/// <c>ciclo iniciar</c>: starts a budget year's cycles with <see cref="CycleStarter"/>. Every
/// region's records are checked before any region starts, so a bad date starts nothing.
/// </summary>
internal static class CicloIniciar
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--registro"], flags: ["--json"], repeatable: ["--region", "--hito"]);
        var year = CicloVerb.BudgetYear(parsed.SinglePositional("año-presupuestario"));
        var regions = parsed.Regions();
        var runtime = context.Runtime();
        var (_, plan) = await CycleVersions.ToStartAsync(runtime);
        var records = MilestoneRecords.Read(parsed, regions, [.. plan.Milestones.Select(m => m.Key)]);
        var starter = new CycleStarter(runtime, context.LoadCalendar());
        foreach (var region in regions)
        {
            if (await starter.CheckAsync(year, records[region], region) is { } problem)
            {
                throw new UsageException($"{(parsed.Option("--registro") is null ? "--hito" : "--hito/--registro")}: {problem}; no se inició ninguna región");
            }
        }
        var starts = new List<CycleStart>();
        foreach (var region in regions)
        {
            starts.Add(await starter.StartAsync(year, region, records[region], CliContext.Actor));
        }
        if (parsed.Has("--json"))
        {
            Json.Write(context.Output, starts.Select(s => new
            {
                region = s.Region.IsoSuffix,
                instancia = s.InstanceId,
                yaExistia = s.AlreadyStarted,
                hitosRegistrados = s.AlreadyStarted ? new Dictionary<string, string>() : records[s.Region].ToDictionary(r => r.Key, r => LocalDatePattern.Iso.Format(r.Value)),
                vencidosSinRegistro = s.OverdueWithoutRecord,
            }));
            return Cli.Ok;
        }
        context.Output.WriteLine($"Ciclo de Focalización Regional, año presupuestario {year} (ciclo {year - 1}):");
        foreach (var start in starts)
        {
            context.Output.WriteLine($"  {Describe(start, records[start.Region])}");
        }
        context.Output.WriteLine($"Iniciadas: {starts.Count(s => !s.AlreadyStarted)}. Ya existían: {starts.Count(s => s.AlreadyStarted)}.");
        return Cli.Ok;
    }

    private static string Describe(CycleStart start, Dictionary<string, NodaTime.LocalDate> recorded)
    {
        var name = $"{start.Region.IsoSuffix} {start.Region.Name}";
        if (start.AlreadyStarted)
        {
            return $"{name}: ya existía (instancia {start.InstanceId}); no se cambió nada.";
        }
        var text = $"{name}: iniciada (instancia {start.InstanceId}).";
        if (recorded.Count > 0)
        {
            text += $" Hitos registrados: {string.Join(", ", recorded.Select(r => $"{r.Key} ({Spanish.LongDate(r.Value)})"))}.";
        }
        if (start.OverdueWithoutRecord.Count > 0)
        {
            text += $" Vencidos sin registro (se marcan, no se envían): {string.Join(", ", start.OverdueWithoutRecord)}.";
        }
        return text;
    }
}
