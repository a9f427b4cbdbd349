using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Presentacion;

namespace Focalizacion.Cli.Verbs;

/// <summary><c>directorio listar|asignar</c>: who holds each cycle role, per region and centrally.</summary>
internal static class DirectorioVerb
{
    public static string Usage { get; } = $"""
          directorio listar [--region <código>] [--json]
              Quién tiene cada rol (con --region, los de esa región y los centrales).
          directorio asignar <región|central> <rol> <correo> [--nombre <texto>] [--cargo <texto>]
              Deja a esa persona como la única con ese rol en la región (o central). Roles: {string.Join(", ", CycleRoles.All)}.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--region", "--nombre", "--cargo"], flags: ["--json"]);
        var sub = parsed.Positionals.Count > 0 ? parsed.Positionals[0] : throw new UsageException("falta la acción: listar o asignar");
        var directory = new RecipientDirectory(context.Runtime().Store);
        switch (sub)
        {
            case "listar":
                {
                    parsed.ExactPositionals("acción");
                    var region = parsed.Option("--region") is { } code ? ParsedArguments.Region(code).IsoSuffix : null;
                    var rows = await directory.ListAsync(region);
                    if (parsed.Has("--json"))
                    {
                        Json.Write(context.Output, rows.Select(r => AdministrationJson.DirectoryEntry(r.Region, r.Recipient)));
                        return Cli.Ok;
                    }
                    foreach (var (where, who) in rows)
                    {
                        context.Output.WriteLine($"{where ?? RecipientDirectory.Central,-8} {who.Role,-34} {who.Name} <{who.Address}>{(who.Position.Length > 0 ? $" · {who.Position}" : "")}");
                    }
                    if (rows.Count == 0)
                    {
                        context.Output.WriteLine("El directorio está vacío: ejecute «ciclo preparar» o asigne con «directorio asignar».");
                    }
                    return Cli.Ok;
                }
            case "asignar":
                {
                    var positionals = parsed.ExactPositionals("acción", "región|central", "rol", "correo");
                    var assignment = new RecipientAssignment(positionals[1], positionals[2], positionals[3], parsed.Option("--nombre"), parsed.Option("--cargo"));
                    if (assignment.Check(out var problem) is not { } valid)
                    {
                        throw new UsageException(Field(problem!));
                    }
                    var (region, recipient) = valid;
                    await directory.ReplaceRoleAsync(region, recipient);
                    context.Output.WriteLine($"{region ?? RecipientDirectory.Central}: «{recipient.Role}» es ahora {recipient.Name} <{recipient.Address}>.");
                    return Cli.Ok;
                }
            default:
                throw new UsageException($"acción desconocida «{sub}»; use listar o asignar");
        }
    }

    /// <summary>"region: …" becomes the CLI's "región: …" (the positional's name), "nombre: …" its option "--nombre: …".</summary>
    private static string Field(string problem) => problem.Split(':', 2) switch
    {
        ["region", var rest] => $"región:{rest}",
        [var field, var rest] when field is "nombre" or "cargo" => $"--{field}:{rest}",
        _ => problem,
    };
}
