using Focalizacion.Calendar.Holidays;
using Focalizacion.Cli.Arguments;

namespace Focalizacion.Cli.Verbs.Ciclo;

/// <summary><c>ciclo preparar|iniciar|evento|estado</c>: operating the Decreto 246 cycle on the real database.</summary>
internal static class CicloVerb
{
    public const string Usage = """
          ciclo preparar [--json]
              Migra la base, completa el directorio con destinatarios ficticios y publica el flujo del ciclo si cambió. Se puede repetir.
          ciclo iniciar <año-presupuestario> [--region <código>]... [--hito <clave>=<aaaa-mm-dd>]... [--registro <archivo.json>] [--json]
              Inicia el ciclo de las 16 regiones (o de las indicadas). --hito registra un hito ya cumplido en todas ellas;
              --registro, hitos por región ({"NB": {"oficio-inicio": "2026-03-10"}}). Los plazos vencidos sin registro se marcan y no se envían.
          ciclo evento <región> <año-presupuestario> <evento> [--conforme true|false] [--datos <json>] [--json]
              Registra un evento del ciclo (llegó un documento, Sercotec registró montos).
          ciclo estado <año-presupuestario> [--region <código>]... [--json]
              Dónde está cada región: hitos con plazo, cumplidos o vencidos sin registro, oficios enviados, resultado e incidentes.
        """;

    public static Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var sub = args.Count > 0 ? args[0] : throw new UsageException("falta la acción: preparar, iniciar, evento o estado");
        var rest = args.Skip(1).ToList();
        return sub switch
        {
            "preparar" => CicloPreparar.RunAsync(rest, context),
            "iniciar" => CicloIniciar.RunAsync(rest, context),
            "evento" => CicloEvento.RunAsync(rest, context),
            "estado" => CicloEstado.RunAsync(rest, context),
            _ => throw new UsageException($"acción desconocida «{sub}»; use preparar, iniciar, evento o estado"),
        };
    }

    /// <summary>A budget year whose cycle year and deadlines the calendar covers.</summary>
    public static int BudgetYear(string text) =>
        ParsedArguments.Year(text, "año-presupuestario", HolidayCalendar.FirstYear + 1, HolidayCalendar.LastYear);
}
