using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Verbs;

namespace Focalizacion.Cli;

/// <summary>
/// Dispatches a command line to its verb. Exit codes: 0 done, 1 the service's own data is wrong
/// (for the operator), 2 the command line is wrong (for the user). Never a stack trace.
/// </summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int DataError = 1;
    public const int UsageError = 2;

    /// <summary>Runs a verb with the calendar the data file gives (read through <paramref name="loadCalendar"/>).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<HolidayCalendar> loadCalendar)
    {
        if (args.Count == 0 || args[0] is "ayuda" or "--help" or "-h")
        {
            (args.Count == 0 ? error : output).Write(UsageText);
            return args.Count == 0 ? UsageError : Ok;
        }
        try
        {
            var rest = args.Skip(1).ToList();
            return args[0] switch
            {
                "feriados" => FeriadosVerb.Run(rest, output, loadCalendar()),
                "plazos" => PlazosVerb.Run(rest, output, loadCalendar()),
                _ => throw new UsageException($"verbo desconocido «{args[0]}»; use «ayuda» para ver los verbos"),
            };
        }
        catch (UsageException usage)
        {
            error.WriteLine($"Error: {usage.Message}");
            return UsageError;
        }
        catch (CalendarDataException data)
        {
            error.WriteLine($"Error en los datos del calendario: {data.Message}");
            return DataError;
        }
    }

    private static string UsageText => $"""
        Uso: focalizacion <verbo> [argumentos]

        Verbos:
          {FeriadosVerb.Usage}
              Feriados del año: nacionales, y los de la región cuando se indica.
          {PlazosVerb.Usage}
              Plazos legales del ciclo de focalización de una región (el ciclo corre el año anterior al presupuestario).
          ayuda
              Muestra esta ayuda.

        Región: código ISO (NB), CUT (16) o nombre (nuble). Con --json la salida es JSON para otros programas.

        """;
}
