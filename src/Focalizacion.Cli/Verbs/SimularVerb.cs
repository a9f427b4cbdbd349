using Focalizacion.Calendar.Holidays;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Cycle.Simulation;

namespace Focalizacion.Cli.Verbs;

/// <summary>
/// <c>simular &lt;año-presupuestario&gt; [--escenario archivo.json] [--region código]... [--smtp host:puerto] [--json]</c>:
/// runs the shipped workflow through a whole cycle in virtual time, in a throwaway database, and
/// prints the timeline. With <c>--smtp</c> every message is really delivered to that server.
/// </summary>
internal static class SimularVerb
{
    public const string Usage = "simular <año-presupuestario> [--escenario <archivo.json>] [--region <código>]... [--smtp <host:puerto>] [--json]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--escenario", "--smtp"], flags: ["--json"], repeatable: ["--region"]);
        var year = ParsedArguments.Year(parsed.SinglePositional("año-presupuestario"), "año-presupuestario", HolidayCalendar.FirstYear + 1, HolidayCalendar.LastYear);
        var regions = parsed.Values("--region").Select(code => ParsedArguments.Region(code)).ToList();
        var scenario = ReadScenario(parsed.Option("--escenario"), year, regions);
        var calendar = context.LoadCalendar();
        var smtp = Mail(parsed.Option("--smtp"));
        var result = smtp is null
            ? await Simulator.RunUnsentAsync(context.OwnerConnectionString, calendar, scenario)
            : await new Simulator(context.OwnerConnectionString, calendar, smtp).RunAsync(scenario);
        if (parsed.Has("--json"))
        {
            Json.Write(context.Output, result.Timeline.Select(TimelineJson.From));
        }
        else
        {
            TimelineText.Write(context.Output, scenario, result);
        }
        foreach (var incident in result.Incidents)
        {
            context.Error.WriteLine($"Incidente abierto al terminar: {incident}");
        }
        return Cli.Ok;
    }

    private static Scenario ReadScenario(string? path, int year, List<Calendar.Regions.Region> regions)
    {
        if (path is null)
        {
            return regions.Count == 0 ? Scenario.Empty(year) : Scenario.Empty(year) with { Regions = regions };
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--escenario: no se pudo leer «{path}»: {e.Message}");
        }
        var scenario = ScenarioReader.Read(text, year, regions);
        return scenario.Success ? scenario.Value : throw new UsageException($"escenario «{Path.GetFileName(path)}»: {scenario.Error}");
    }

    /// <summary>The SMTP server every message is delivered to, or null: nothing is sent.</summary>
    private static MailSettings? Mail(string? smtp)
    {
        if (smtp is null)
        {
            return null;
        }
        var colon = smtp.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(smtp[(colon + 1)..], System.Globalization.NumberStyles.None, null, out var port) || port is < 1 or > 65535)
        {
            throw new UsageException($"--smtp: «{smtp}» no es host:puerto (por ejemplo 127.0.0.1:2525)");
        }
        return new MailSettings { Host = smtp[..colon], Port = port };
    }
}
