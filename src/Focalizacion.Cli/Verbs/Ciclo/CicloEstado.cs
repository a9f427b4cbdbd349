using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Presentacion;

namespace Focalizacion.Cli.Verbs.Ciclo;

/// <summary><c>ciclo estado &lt;año-presupuestario&gt;</c>: where each region's cycle stands (the audit view).</summary>
internal static class CicloEstado
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: [], flags: ["--json"], repeatable: ["--region"]);
        var year = CicloVerb.BudgetYear(parsed.SinglePositional("año-presupuestario"));
        var regions = parsed.Regions();
        var runtime = context.Runtime();
        var reader = new CycleStandings(runtime, context.LoadCalendar());
        var standings = new List<RegionStanding>();
        foreach (var region in regions)
        {
            standings.Add(await reader.ReadAsync(region, year));
        }
        if (parsed.Has("--json"))
        {
            Json.Write(context.Output, standings.Select(CycleJson.Standing));
        }
        else
        {
            StandingText.Write(context.Output, year, context.Clock.GetCurrentInstant(), standings);
        }
        return Cli.Ok;
    }

}
