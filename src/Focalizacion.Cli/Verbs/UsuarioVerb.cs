using System.Globalization;
using Focalizacion.Access;
using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Runtime.Persistence;

namespace Focalizacion.Cli.Verbs;

/// <summary>
/// <c>usuario crear|listar|desactivar|token</c>: the service's users. The first administrator is
/// created here (no default account or password exists anywhere); a password is only ever read
/// from standard input (<c>--clave-stdin</c>), never from the command line. The database is
/// migrated and its roles granted first (as the tables' owner), so this works on a database the service has not started
/// on yet; the users and tokens are then written as the role that serves users (<c>FOCALIZACION_DB_API</c>), which the
/// service's own administration uses and which has nothing else to write but access lines in the journal.
/// </summary>
internal static class UsuarioVerb
{
    public static string Usage { get; } = $"""
          usuario crear <correo> --rol <rol> [--region <código>] [--nombre <texto>] [--run <RUN>] [--clave-stdin]
              Crea un usuario. Roles: {Role.KnownNames} (sercotec-regional y gore llevan región).
              Con --clave-stdin la clave (al menos {UserStore.MinPasswordLength} caracteres) se lee de la entrada estándar; sin ella, solo entra con un proveedor externo.
          usuario listar [--json]
              Los usuarios, con su rol, región y si están activos.
          usuario desactivar <correo>
              Desactiva al usuario: ya no entra y sus tokens dejan de valer (su registro se conserva).
          usuario token <correo> [--dias <n>]
              Crea un token de acceso personal (por omisión {AccessTokens.DefaultDays} días, hasta {AccessTokens.MaxDays}) y lo escribe solo en la salida estándar.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--rol", "--region", "--nombre", "--run", "--dias"], flags: ["--clave-stdin", "--json"]);
        var sub = parsed.Positionals.Count > 0 ? parsed.Positionals[0] : throw new UsageException("falta la acción: crear, listar, desactivar o token");
        var api = new Store(context.ApiConnectionString);
        var runtime = context.Runtime();
        var users = new UserStore(api, context.Clock);
        switch (sub)
        {
            case "crear":
                {
                    var email = parsed.ExactPositionals("acción", "correo")[1];
                    var user = new NewUser(email, parsed.Option("--rol") ?? throw new UsageException("--rol: falta el rol; los roles son: " + Role.KnownNames),
                        parsed.Option("--region"), parsed.Option("--nombre"), parsed.Option("--run"));
                    if (user.Check(out var problem) is null)
                    {
                        throw new UsageException(Field(problem!));
                    }
                    string? password = null;
                    if (parsed.Has("--clave-stdin"))
                    {
                        password = (context.Input.ReadLine() ?? "").TrimEnd('\r');
                        if (UserStore.CheckPassword(password) is { } weak)
                        {
                            throw new UsageException($"--clave-stdin: {weak["clave: ".Length..]}");
                        }
                    }
                    await context.PrepareDatabaseAsync(runtime);
                    var (created, refused) = await users.CreateAsync(user, password, CliContext.Actor);
                    if (created is null)
                    {
                        throw new UsageException(Field(refused!));
                    }
                    context.Output.WriteLine($"Usuario {created.Email} creado: {created.Role.Name}{(created.Region is { } r ? $" de la región {r}" : "")}{(password is null ? "; sin clave, entra solo con un proveedor externo" : "")}.");
                    return Cli.Ok;
                }
            case "listar":
                {
                    parsed.ExactPositionals("acción");
                    await context.PrepareDatabaseAsync(runtime);
                    var all = await users.ListAsync();
                    if (parsed.Has("--json"))
                    {
                        Json.Write(context.Output, all.Select(AdministrationJson.User));
                        return Cli.Ok;
                    }
                    foreach (var u in all)
                    {
                        context.Output.WriteLine($"{u.Email,-36} {u.Role.Name,-18} {u.Region ?? "-",-3} {(u.Active ? "activo" : "desactivado"),-11} {u.Name}");
                    }
                    if (all.Count == 0)
                    {
                        context.Output.WriteLine("No hay usuarios: cree el primer administrador con «usuario crear <correo> --rol administrador --clave-stdin».");
                    }
                    return Cli.Ok;
                }
            case "desactivar":
                {
                    var email = parsed.ExactPositionals("acción", "correo")[1];
                    await context.PrepareDatabaseAsync(runtime);
                    if (!await users.DeactivateAsync(email, CliContext.Actor))
                    {
                        throw new UsageException($"<correo>: no hay un usuario con el correo «{email}»");
                    }
                    context.Output.WriteLine($"Usuario {email} desactivado.");
                    return Cli.Ok;
                }
            case "token":
                {
                    var email = parsed.ExactPositionals("acción", "correo")[1];
                    var days = parsed.Option("--dias") is { } text
                        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= AccessTokens.MaxDays
                            ? n
                            : throw new UsageException($"--dias: «{text}» no es un número de días entre 1 y {AccessTokens.MaxDays}")
                        : AccessTokens.DefaultDays;
                    await context.PrepareDatabaseAsync(runtime);
                    var token = await new AccessTokens(api, context.Clock).CreateForAsync(users, email, days, CliContext.Actor)
                        ?? throw new UsageException($"<correo>: no hay un usuario activo con el correo «{email}»");
                    context.Output.WriteLine(token);
                    return Cli.Ok;
                }
            default:
                throw new UsageException($"acción desconocida «{sub}»; las acciones son crear, listar, desactivar y token");
        }
    }

    /// <summary>"correo: …" from the store becomes the CLI's "&lt;correo&gt;: …" or "--rol: …".</summary>
    private static string Field(string problem) => problem.Split(':', 2) switch
    {
        ["correo", var rest] => $"<correo>:{rest}",
        [var field, var rest] when field is "rol" or "region" or "nombre" or "run" => $"--{field}:{rest}",
        _ => problem,
    };
}
