using System.Text.Json.Nodes;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Cycle.Presentacion;
using NodaTime.Text;

namespace Focalizacion.Cli.Verbs;

/// <summary><c>plantilla listar|exportar|importar|restaurar</c>: the email templates admins edit.</summary>
internal static class PlantillaVerb
{
    public const string Usage = """
          plantilla listar [--json] | plantilla exportar <clave>
              Las plantillas de correo (predeterminada o editada, y por quién); una plantilla como JSON {"asunto", "html", "texto"}.
          plantilla importar <clave> <archivo.json> | plantilla restaurar <clave>
              Guarda una versión editada si las tres partes son válidas y, probadas con datos de ejemplo, se generan dentro de los límites
              (si no, una línea por problema y nada cambia); vuelve a la predeterminada.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: [], flags: ["--json"]);
        var sub = parsed.Positionals.Count > 0 ? parsed.Positionals[0] : throw new UsageException("falta la acción: listar, exportar, importar o restaurar");
        var store = new TemplateStore(context.Runtime().Store, context.Clock);
        switch (sub)
        {
            case "listar":
                {
                    parsed.ExactPositionals("acción");
                    var edits = await store.EditsAsync();
                    if (parsed.Has("--json"))
                    {
                        Json.Write(context.Output, AdministrationJson.TemplateListing(edits));
                        return Cli.Ok;
                    }
                    foreach (var key in TemplateKeys.All)
                    {
                        context.Output.WriteLine(edits.TryGetValue(key, out var edit)
                            ? $"{key,-24} editada por {edit.By} ({InstantPattern.General.Format(edit.At)})"
                            : $"{key,-24} predeterminada");
                    }
                    return Cli.Ok;
                }
            case "exportar":
                {
                    var template = await store.GetAsync(Key(parsed.ExactPositionals("acción", "clave")[1]));
                    Json.Write(context.Output, AdministrationJson.Template(template));
                    return Cli.Ok;
                }
            case "importar":
                {
                    var positionals = parsed.ExactPositionals("acción", "clave", "archivo.json");
                    var template = Read(Key(positionals[1]), positionals[2]);
                    var problems = await store.TrySaveAsync(template, CliContext.Actor);
                    foreach (var problem in problems)
                    {
                        context.Error.WriteLine($"Error: {problem.Message}");
                    }
                    if (problems.Count > 0)
                    {
                        return Cli.UsageError;
                    }
                    context.Output.WriteLine($"Plantilla «{template.Key}» guardada; rige desde el próximo correo.");
                    return Cli.Ok;
                }
            case "restaurar":
                {
                    var key = Key(parsed.ExactPositionals("acción", "clave")[1]);
                    await store.RevertAsync(key);
                    context.Output.WriteLine($"Plantilla «{key}»: rige la predeterminada.");
                    return Cli.Ok;
                }
            default:
                throw new UsageException($"acción desconocida «{sub}»; use listar, exportar, importar o restaurar");
        }
    }

    private static string Key(string key) =>
        TemplateKeys.All.Contains(key) ? key : throw new UsageException($"clave: no existe la plantilla «{key}»; las plantillas son: {string.Join(", ", TemplateKeys.All)}");

    /// <summary>The file <c>plantilla exportar</c> writes: {"asunto", "html", "texto"} (a "clave" in it must match).</summary>
    private static MailTemplate Read(string key, string path)
    {
        var name = $"«{Path.GetFileName(path)}»";
        var json = JsonInput.Object(JsonInput.ReadFile(path), name);
        if (json["clave"] is JsonValue k && k.TryGetValue<string>(out var fileKey) && fileKey != key)
        {
            throw new UsageException($"{name}: es la plantilla «{fileKey}», no «{key}»");
        }
        string Part(string field) => json[field] is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw new UsageException($"{name}: falta el campo «{field}» (texto)");
        return new MailTemplate(key, Part("asunto"), Part("html"), Part("texto"));
    }
}
