using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/usuarios</c>: the service's users, as <c>usuario listar|crear|desactivar</c>, with
/// the same checks: created (with a password of at least <see cref="UserStore.MinPasswordLength"/>
/// characters, or none: then only an external provider lets them in) and deactivated (their
/// logins and tokens stop at once; the record stays).
/// </summary>
internal static class UsuariosApi
{
    /// <summary>A new user as the API takes it: the same fields as <c>usuario crear</c>, and the password in the body (never in a URL).</summary>
    public sealed record NewUserBody(string? Correo, string? Rol, string? Region, string? Nombre, string? Run, string? Clave);

    public static void Map(RouteGroupBuilder api)
    {
        var usuarios = api.MapGroup("/usuarios").WithTags("usuarios");
        usuarios.MapGet("", ListAsync).Requiring(Capability.LeerAdministracion).WithSummary("Los usuarios, con su rol, región y si están activos");
        usuarios.MapPost("", CreateAsync).Requiring(Capability.AdministrarUsuarios).Takes<NewUserBody>()
            .WithSummary($"Crea un usuario. Roles: {Role.KnownNames} (sercotec-regional y gore llevan región)");
        usuarios.MapPost("/{id:long}/desactivar", DeactivateAsync).Requiring(Capability.AdministrarUsuarios)
            .WithSummary("Desactiva al usuario: ya no entra y sus tokens dejan de valer (su registro se conserva)");
    }

    private static async Task<IResult> ListAsync(ApiDatabase database, HttpContext context) =>
        TypedResults.Ok((await database.Users.ListAsync(context.RequestAborted)).Select(AdministrationJson.User));

    private static async Task<IResult> CreateAsync(HttpContext context, ApiDatabase database)
    {
        var (body, badBody) = await ApiJson.ReadAsync<NewUserBody>(context.Request);
        if (badBody is not null)
        {
            return badBody;
        }
        if (body!.Correo is not { Length: > 0 } email)
        {
            return ApiProblems.BadRequest("correo", "falta el correo del usuario");
        }
        if (body.Rol is not { Length: > 0 } role)
        {
            return ApiProblems.BadRequest("rol", $"falta el rol; los roles son: {Role.KnownNames}");
        }
        var user = new NewUser(email, role, body.Region, body.Nombre, body.Run);
        if (user.Check(out var problem) is null)
        {
            return ApiProblems.BadRequest(problem!);
        }
        if (body.Clave is { } password && UserStore.CheckPassword(password) is { } weak)
        {
            return ApiProblems.BadRequest(weak);
        }
        var (created, refused) = await database.Users.CreateAsync(user, body.Clave, Caller.Actor(context), context.RequestAborted);
        if (created is null)
        {
            // The e-mail or RUN is someone else's already.
            var (field, detail) = ApiProblems.Split(refused!);
            return ApiProblems.Problem(StatusCodes.Status409Conflict, $"{field}: {detail}", field);
        }
        return TypedResults.Created($"{ApiEndpoints.Prefix}/usuarios/{created.Id}", AdministrationJson.User(created));
    }

    private static async Task<IResult> DeactivateAsync(long id, HttpContext context, ApiDatabase database)
    {
        if (await database.Users.FindByIdAsync(id, context.RequestAborted) is not { } user)
        {
            return ApiProblems.NotFound($"id: no hay un usuario {id}");
        }
        if (user.Id == Caller.Of(context).Id)
        {
            // Nobody locks themselves out by mistake; another administrator can do it.
            return ApiProblems.Conflict("usted no puede desactivarse a sí mismo; pídaselo a otro administrador");
        }
        await database.Users.DeactivateAsync(user.Email, Caller.Actor(context), context.RequestAborted);
        return TypedResults.Ok(AdministrationJson.User(user with { Active = false }));
    }
}
