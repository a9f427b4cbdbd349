using System.Globalization;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Presentacion;

namespace Focalizacion.Cli.Verbs;

/// <summary><c>incidente listar|reintentar|omitir</c>: what an operator does when a handler keeps failing.</summary>
internal static class IncidenteVerb
{
    public const string Usage = """
          incidente listar [--json] | incidente reintentar <id> | incidente omitir <id>
              Incidentes abiertos; reintentar vuelve a intentar el efecto; omitir sigue el flujo sin él.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: [], flags: ["--json"]);
        var sub = parsed.Positionals.Count > 0 ? parsed.Positionals[0] : throw new UsageException("falta la acción: listar, reintentar u omitir");
        var incidents = context.Runtime().Incidents;
        if (sub == "listar")
        {
            parsed.ExactPositionals("acción");
            var open = await incidents.OpenAsync();
            if (parsed.Has("--json"))
            {
                Json.Write(context.Output, open.Select(AdministrationJson.Incident));
            }
            else
            {
                foreach (var i in open)
                {
                    context.Output.WriteLine($"{i.Id,6}  {i.InstanceId}  {i.NodeId}: {i.Reason}");
                }
            }
            return Cli.Ok;
        }
        var idText = parsed.ExactPositionals("acción", "id")[1];
        var id = long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new UsageException($"id: «{idText}» no es un número");
        var outcome = sub switch
        {
            "reintentar" => await incidents.RetryAsync(id, CliContext.Actor),
            "omitir" => await incidents.SkipAsync(id, CliContext.Actor),
            _ => throw new UsageException($"acción desconocida «{sub}»; use listar, reintentar u omitir"),
        };
        if (!outcome.Applied)
        {
            context.Error.WriteLine($"Rechazado: {outcome.Refusal}");
            return 1;
        }
        context.Output.WriteLine(sub == "reintentar" ? "Incidente reintentado." : "Incidente omitido: el flujo continúa.");
        return Cli.Ok;
    }
}
