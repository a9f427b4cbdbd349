using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Directorio;
using MimeKit;

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

    private const string Central = "central";

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
                        Json.Write(context.Output, rows.Select(r => new { region = r.Region ?? Central, rol = r.Recipient.Role, nombre = r.Recipient.Name, cargo = r.Recipient.Position, correo = r.Recipient.Address }));
                        return Cli.Ok;
                    }
                    foreach (var (where, who) in rows)
                    {
                        context.Output.WriteLine($"{where ?? Central,-8} {who.Role,-34} {who.Name} <{who.Address}>{(who.Position.Length > 0 ? $" · {who.Position}" : "")}");
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
                    var region = positionals[1] == Central ? null : ParsedArguments.Region(positionals[1], "región").IsoSuffix;
                    var role = Role(positionals[2], region);
                    var mailbox = Address(positionals[3]);
                    var name = parsed.Option("--nombre") ?? (mailbox.Name is { Length: > 0 } display ? display : mailbox.Address);
                    var recipient = new Recipient(role, Text(name, "--nombre"), Text(parsed.Option("--cargo") ?? "", "--cargo"), mailbox.Address);
                    await directory.ReplaceRoleAsync(region, recipient);
                    context.Output.WriteLine($"{region ?? Central}: «{role}» es ahora {recipient.Name} <{recipient.Address}>.");
                    return Cli.Ok;
                }
            default:
                throw new UsageException($"acción desconocida «{sub}»; use listar o asignar");
        }
    }

    private static string Role(string role, string? region)
    {
        if (!CycleRoles.All.Contains(role))
        {
            throw new UsageException($"rol: «{role}» no es un rol del ciclo; los roles son: {string.Join(", ", CycleRoles.All)}");
        }
        var central = role == CycleRoles.GerenciaRegiones;
        return (central, region) switch
        {
            (true, not null) => throw new UsageException($"rol: «{role}» es un rol central; asígnelo con «directorio asignar central {role} …»"),
            (false, null) => throw new UsageException($"rol: «{role}» es un rol regional; indique la región en vez de «central»"),
            _ => role,
        };
    }

    private static MailboxAddress Address(string text) =>
        MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal) && !mailbox.Address.EndsWith('@')
            ? mailbox
            : throw new UsageException($"correo: «{text}» no es una dirección de correo válida");

    private static string Text(string value, string name) =>
        value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            ? throw new UsageException($"{name}: no puede tener saltos de línea")
            : value.Trim();
}
