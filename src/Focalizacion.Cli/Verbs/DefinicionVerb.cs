using System.Globalization;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;

namespace Focalizacion.Cli.Verbs;

/// <summary><c>definicion validar|importar|publicar|listar|exportar|retirar|moddle</c>: BPMN definitions.</summary>
internal static class DefinicionVerb
{
    public const string Usage = """
          definicion validar <archivo.bpmn> [--json]
              0: el motor puede ejecutarla; 1: una línea «<elemento>: <motivo>» por problema (ajustes de cada
              elemento incluidos); 2: ilegible o no es BPMN.
          definicion importar <archivo.bpmn> [--json]
              La guarda como borrador si el motor puede ejecutarla (si no, los problemas, como validar).
          definicion publicar <id> [--json] | definicion retirar <clave> <versión>
              Publica un borrador como nueva versión, si aún se puede ejecutar; retira una versión (las instancias en curso siguen).
          definicion listar [--json] | definicion exportar <id>
              Lista las definiciones; escribe el archivo tal como se subió, byte por byte.
          definicion moddle
              Escribe el descriptor bpmn-moddle de los ajustes foc: (workflows/focalizacion.moddle.json),
              generado de los manejadores y ajustes que el motor revisa al importar.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: [], flags: ["--json"]);
        var sub = parsed.Positionals.Count > 0 ? parsed.Positionals[0] : throw new UsageException("falta la acción: validar, importar, publicar, listar, exportar, retirar o moddle");
        var runtime = sub is "validar" or "moddle" ? context.OfflineRuntime() : context.Runtime();
        switch (sub)
        {
            case "validar":
                {
                    var file = parsed.ExactPositionals("acción", "archivo.bpmn")[1];
                    var result = runtime.Definitions.Validate(InputFile.ReadBytes(file, BpmnImporter.MaxFileBytes));
                    return Report(result, parsed.Has("--json"), context);
                }
            case "importar":
                {
                    var file = parsed.ExactPositionals("acción", "archivo.bpmn")[1];
                    var (draft, result) = await runtime.Definitions.ImportAsync(InputFile.ReadBytes(file, BpmnImporter.MaxFileBytes), CliContext.Actor);
                    if (draft is null)
                    {
                        return Report(result, parsed.Has("--json"), context);
                    }
                    context.Output.WriteLine(OneLine.Of($"Borrador {draft.Id} de «{draft.ProcessKey}» guardado. Publíquelo con: definicion publicar {draft.Id}"));
                    return Cli.Ok;
                }
            case "publicar":
                {
                    var id = Id(parsed.ExactPositionals("acción", "id")[1]);
                    DefinitionRow row;
                    try
                    {
                        row = await runtime.Definitions.PublishAsync(id, CliContext.Actor);
                    }
                    catch (DefinitionProblemsException refused)
                    {
                        context.Error.WriteLine($"Error: {refused.Message}:");
                        return Report(new ImportResult(null, refused.Problems, null), parsed.Has("--json"), context);
                    }
                    context.Output.WriteLine($"«{row.ProcessKey}» versión {row.Version} publicada (definición {row.Id}).");
                    return Cli.Ok;
                }
            case "retirar":
                {
                    var positionals = parsed.ExactPositionals("acción", "clave", "versión");
                    var version = int.TryParse(positionals[2], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new UsageException($"versión: «{positionals[2]}» no es un número");
                    await runtime.Definitions.RetireAsync(positionals[1], version, CliContext.Actor);
                    context.Output.WriteLine($"«{positionals[1]}» versión {version} retirada.");
                    return Cli.Ok;
                }
            case "listar":
                {
                    parsed.ExactPositionals("acción");
                    var rows = await runtime.Definitions.ListAsync();
                    if (parsed.Has("--json"))
                    {
                        Json.Write(context.Output, rows.Select(AdministrationJson.Definition));
                        return Cli.Ok;
                    }
                    foreach (var r in rows)
                    {
                        context.Output.WriteLine($"{r.Id,6}  {r.ProcessKey,-40} {(r.Version is { } ver ? $"v{ver}" : "-"),-6} {AdministrationJson.StatusText(r.Status),-10} {r.Name}");
                    }
                    return Cli.Ok;
                }
            case "exportar":
                {
                    var id = Id(parsed.ExactPositionals("acción", "id")[1]);
                    var bpmn = await runtime.Definitions.ExportAsync(id);
                    // The file's own bytes: text output would re-encode a UTF-16 or windows-1252 file and drop a byte order mark.
                    await context.Output.FlushAsync();
                    await using (var stdout = context.StandardOutput())
                    {
                        await stdout.WriteAsync(bpmn);
                    }
                    return Cli.Ok;
                }
            case "moddle":
                parsed.ExactPositionals("acción");
                context.Output.Write(ModdleDescriptor.Text(runtime.Module.Catalog()));
                return Cli.Ok;
            default:
                throw new UsageException($"acción desconocida «{sub}»; use validar, importar, publicar, listar, exportar, retirar o moddle");
        }
    }

    private static int Report(ImportResult result, bool json, CliContext context)
    {
        if (result.NotBpmnReason is { } reason)
        {
            context.Error.WriteLine($"Error: {OneLine.Of(reason)}");
            return Cli.UsageError;
        }
        if (json)
        {
            Json.Write(context.Output, AdministrationJson.Problems(result.Problems));
        }
        else if (result.Success)
        {
            context.Output.WriteLine(OneLine.Of($"Válida: «{result.Definition!.ProcessId}» ({result.Definition.Nodes.Count} elementos) se puede ejecutar."));
        }
        else
        {
            foreach (var problem in result.Problems)
            {
                context.Output.WriteLine(OneLine.Of(problem.ToString()));
            }
        }
        return result.Success ? Cli.Ok : 1;
    }

    private static long Id(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new UsageException($"id: «{text}» no es un número");
}
