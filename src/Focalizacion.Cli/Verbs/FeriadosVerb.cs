using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Presentacion;

namespace Focalizacion.Cli.Verbs;

/// <summary><c>feriados &lt;año&gt; [--region &lt;código&gt;] [--json]</c>: the holidays of a year.</summary>
internal static class FeriadosVerb
{
    public const string Usage = "feriados <año> [--region <código>] [--json]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, HolidayCalendar calendar)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--region"], flags: ["--json"]);
        var year = ParsedArguments.Year(parsed.SinglePositional("año"), "año", HolidayCalendar.FirstYear, HolidayCalendar.LastYear);
        var region = parsed.Option("--region") is { } code ? ParsedArguments.Region(code) : null;
        var holidays = calendar.For(year, region);

        if (parsed.Has("--json"))
        {
            Json.Write(output, holidays.Select(CycleJson.Holiday));
            return 0;
        }

        output.WriteLine(region is null
            ? $"Feriados nacionales de {year} ({holidays.Count})"
            : $"Feriados de {year} en la {region.OfficialName} ({region.IsoCode}): nacionales y regionales ({holidays.Count})");
        output.WriteLine();
        foreach (var h in holidays)
        {
            var scope = h.Scope == HolidayScope.National ? "nacional" : "regional";
            output.WriteLine($"  {Spanish.LongDate(h.Date),-36}{scope,-10}{h.Name}  ({h.LegalBasis})");
        }
        return 0;
    }
}
