using System.Globalization;
using System.Text.Json;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Plan;
using Focalizacion.Runtime.Instances;

namespace Focalizacion.Cli.Verbs;

/// <summary><c>instancia iniciar|mensaje|completar|cancelar|suspender|reanudar|ver</c>: running instances.</summary>
internal static class InstanciaVerb
{
    public const string Usage = """
          instancia iniciar <clave> --region <código> --anio <año-presupuestario> [--variables <json>]
              Inicia una instancia con la última versión publicada.
          instancia mensaje (<id> | --region <código> --anio <año>) <mensaje> [--datos <json>]
              Entrega un mensaje (un documento llegó); si nadie lo espera, lo dice y no cambia nada.
          instancia completar <id> <tarea> [--datos <json>]
          instancia cancelar|suspender|reanudar|ver <id> [--json]
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--region", "--anio", "--variables", "--datos"], flags: ["--json"]);
        var sub = parsed.Positionals.Count > 0 ? parsed.Positionals[0] : throw new UsageException("falta la acción: iniciar, mensaje, completar, cancelar, suspender, reanudar o ver");
        var instances = context.Runtime().Instances;
        var actor = CliContext.Actor;
        switch (sub)
        {
            case "iniciar":
                {
                    var key = parsed.ExactPositionals("acción", "clave")[1];
                    var variables = JsonInput.ObjectOption(parsed, "--variables");
                    var (region, year) = (RegionOption(parsed), YearOption(parsed));
                    variables[CycleVariables.RegionName] = region.IsoSuffix;
                    variables[CycleVariables.BudgetYearName] = year;
                    var id = await instances.StartAsync(key, variables, null, CycleKey.For(region, year), actor);
                    context.Output.WriteLine(parsed.Has("--json") ? JsonSerializer.Serialize(new { id }) : $"Instancia {id} iniciada.");
                    return Cli.Ok;
                }
            case "mensaje":
                {
                    StepOutcome outcome;
                    if (parsed.Option("--region") is not null)
                    {
                        var message = parsed.ExactPositionals("acción", "mensaje")[1];
                        var (region, year) = (RegionOption(parsed), YearOption(parsed));
                        outcome = await instances.SendMessageAsync(CycleKey.For(region, year), message, JsonInput.ObjectOption(parsed, "--datos"), actor,
                            $"no hay una instancia en curso de la región {region.IsoSuffix} para el año presupuestario {year}");
                    }
                    else
                    {
                        var positionals = parsed.ExactPositionals("acción", "id", "mensaje");
                        outcome = await instances.SendMessageAsync(Id(positionals[1]), positionals[2], JsonInput.ObjectOption(parsed, "--datos"), actor);
                    }
                    return Report(outcome, context, "Mensaje entregado.");
                }
            case "completar":
                {
                    var positionals = parsed.ExactPositionals("acción", "id", "tarea");
                    return Report(await instances.CompleteUserTaskAsync(Id(positionals[1]), positionals[2], JsonInput.ObjectOption(parsed, "--datos"), actor), context, "Tarea completada.");
                }
            case "cancelar":
                return Report(await instances.CancelAsync(Id(parsed.ExactPositionals("acción", "id")[1]), actor), context, "Instancia cancelada.");
            case "suspender":
                return Report(await instances.SuspendAsync(Id(parsed.ExactPositionals("acción", "id")[1]), actor), context, "Instancia suspendida.");
            case "reanudar":
                return Report(await instances.ResumeAsync(Id(parsed.ExactPositionals("acción", "id")[1]), actor), context, "Instancia reanudada.");
            case "ver":
                {
                    var id = Id(parsed.ExactPositionals("acción", "id")[1]);
                    var state = await instances.StateAsync(id) ?? throw new UsageException($"no existe la instancia {id}");
                    var view = new
                    {
                        id,
                        estado = state.Status.ToString(),
                        esperas = state.Tokens.Select(t => new { token = t.Id, elemento = t.NodeId, espera = t.Wait.ToString(), clave = t.Key }),
                        temporizadores = state.Timers.Select(t => new { temporizador = t.Id, elemento = t.NodeId, vence = NodaTime.Text.InstantPattern.General.Format(t.DueAt), regla = t.Rule }),
                        variables = state.Variables,
                    };
                    Json.Write(context.Output, view);
                    return Cli.Ok;
                }
            default:
                throw new UsageException($"acción desconocida «{sub}»");
        }
    }

    private static int Report(StepOutcome outcome, CliContext context, string done)
    {
        if (outcome.Applied)
        {
            context.Output.WriteLine(done);
            return Cli.Ok;
        }
        context.Error.WriteLine($"Rechazado: {outcome.Refusal}");
        return 1;
    }

    private static Calendar.Regions.Region RegionOption(ParsedArguments parsed) =>
        ParsedArguments.Region(parsed.Option("--region") ?? throw new UsageException("falta la opción --region <código>"));

    private static int YearOption(ParsedArguments parsed) =>
        ParsedArguments.Year(parsed.Option("--anio") ?? throw new UsageException("falta la opción --anio <año-presupuestario>"), "--anio", 2021, 2101);

    private static Guid Id(string text) =>
        Guid.TryParse(text, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"id: «{text}» no es un identificador de instancia");
}
