using Focalizacion.Calendar;
using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Presentacion;
using NodaTime;

namespace Focalizacion.Cli.Verbs;

/// <summary>
/// <c>plazos &lt;año-presupuestario&gt; --region &lt;código&gt; [--preliminar-recibida &lt;aaaa-mm-dd&gt;] [--json]</c>:
/// the legal deadlines of one region's cycle.
/// </summary>
internal static class PlazosVerb
{
    public const string Usage = "plazos <año-presupuestario> --region <código> [--preliminar-recibida <aaaa-mm-dd>] [--json]";

    /// <summary>Budget years whose cycle year (Y−1) and every deadline of it fall inside the calendar.</summary>
    public const int FirstBudgetYear = HolidayCalendar.FirstYear + 1;

    public const int LastBudgetYear = HolidayCalendar.LastYear;

    public static int Run(IReadOnlyList<string> args, TextWriter output, HolidayCalendar calendar)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--region", "--preliminar-recibida"], flags: ["--json"]);
        var budgetYear = ParsedArguments.Year(parsed.SinglePositional("año-presupuestario"), "año-presupuestario", FirstBudgetYear, LastBudgetYear);
        var region = ParsedArguments.Region(parsed.Option("--region") ?? throw new UsageException("falta la opción --region <código>"));
        var events = new Dictionary<string, LocalDate>();
        if (parsed.Option("--preliminar-recibida") is { } received)
        {
            var date = ParsedArguments.Date(received, "--preliminar-recibida");
            if (date.Year != budgetYear - 1)
            {
                throw new UsageException($"--preliminar-recibida: {received} no está en {budgetYear - 1}, el año del ciclo del año presupuestario {budgetYear}");
            }
            events[Decreto246Cycle.PreliminaryReceivedEvent] = date;
        }

        var deadlines = Decreto246Cycle.Deadlines(calendar.BusinessDays(region), budgetYear, events);
        if (parsed.Has("--json"))
        {
            Json.Write(output, deadlines.Select(CycleJson.Deadline));
            return 0;
        }

        output.WriteLine($"Plazos del ciclo de Focalización Regional para el año presupuestario {budgetYear}");
        output.WriteLine($"{region.OfficialName} ({region.IsoCode}) · sede {region.Seat} · zona {region.Zone.Id} · ciclo {budgetYear - 1}");
        foreach (var d in deadlines)
        {
            var plazo = d.Plazo;
            output.WriteLine();
            output.WriteLine($"{d.Milestone.Key} ({d.Milestone.Owner}): {d.Milestone.Description}");
            output.WriteLine($"  regla:  {d.Milestone.Rule}");
            if (d.WindowStart is { } window)
            {
                output.WriteLine($"  desde:  {Spanish.LongDate(window.Date)}");
            }
            output.WriteLine($"  fecha:  {Spanish.LongDate(plazo.Date)}{(plazo.RollForward ? " (con prórroga, Ley 19.880 art. 25)" : "")}");
            output.WriteLine($"  vence:  {Json.Instant(plazo.OverdueAt)}");
            if (plazo.RollForwardMovesDate)
            {
                var other = plazo.RollForward ? "sin prórroga" : "con prórroga (Ley 19.880 art. 25, día inhábil)";
                output.WriteLine($"  {other}: {Spanish.LongDate(plazo.AlternativeDate)}, vence {Json.Instant(plazo.AlternativeOverdueAt)}");
            }
        }
        if (!events.ContainsKey(Decreto246Cycle.PreliminaryReceivedEvent))
        {
            output.WriteLine();
            output.WriteLine("observaciones-sercotec: se calcula al recibir la focalización preliminar; indique --preliminar-recibida <aaaa-mm-dd>.");
        }
        return 0;
    }
}
