using System.Globalization;
using System.Security.Claims;
using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/sesion</c>: a browser logs in with e-mail and password (a local account; lockout
/// after repeated failures, rate-limited per address), reads who it is with the antiforgery token
/// every change must send back in <c>X-CSRF-TOKEN</c>, and logs out.
/// </summary>
internal static class SesionApi
{
    public sealed record Credentials(string? Correo, string? Clave);

    public static void Map(RouteGroupBuilder api)
    {
        var sesion = api.MapGroup("/sesion").WithTags("sesión");
        sesion.MapPost("", LogInAsync).AllowAnonymous().RequireRateLimiting(ServiceIdentity.CredentialsLimit)
            .Takes<Credentials>().WithSummary("Inicia sesión con correo y clave (cuenta local)");
        sesion.MapGet("", WhoAmI).RequireAuthorization().WithSummary("Quién es el usuario de la sesión, y el token antifalsificación");
        sesion.MapDelete("", LogOutAsync).RequireAuthorization().WithSummary("Cierra la sesión");
        sesion.MapGet("/externa", ExternalChallenge).AllowAnonymous()
            .WithSummary("Ingreso con el proveedor externo configurado (ClaveÚnica u otro OpenID Connect); vuelve a «volver», una ruta del servicio");
    }

    private static async Task<IResult> LogInAsync(HttpContext context, ApiDatabase database, IAntiforgery antiforgery)
    {
        var (credentials, problem) = await ApiJson.ReadAsync<Credentials>(context.Request);
        if (problem is not null)
        {
            return problem;
        }
        if (credentials!.Correo is not { Length: > 0 } email || email.Length > NewUser.MaxEmailLength)
        {
            return ApiProblems.BadRequest("correo", "falta el correo");
        }
        if (credentials.Clave is not { Length: > 0 } password || password.Length > UserStore.MaxPasswordLength)
        {
            return ApiProblems.BadRequest("clave", "falta la clave");
        }
        var outcome = await database.Users.CheckPasswordAsync(email, password, ActorChannel.Web, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        if (!outcome.Success)
        {
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, outcome.Refusal!);
        }
        await SignInAsync(context, outcome.User!);
        return TypedResults.Ok(new { usuario = AdministrationJson.User(outcome.User!), antifalsificacion = antiforgery.GetAndStoreTokens(context).RequestToken });
    }

    /// <summary>Starts the browser session of <paramref name="user"/> (local or external login alike).</summary>
    public static Task SignInAsync(HttpContext context, User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture))], ServiceIdentity.SessionScheme);
        // The signed-in principal is this request's too: the antiforgery token issued now is bound to it.
        context.User = new ClaimsPrincipal(identity);
        return context.SignInAsync(ServiceIdentity.SessionScheme, context.User, new AuthenticationProperties { IsPersistent = false });
    }

    private static IResult ExternalChallenge(string? volver, IServiceProvider services)
    {
        if (services.GetService<ExternalLoginSettings>() is null)
        {
            return ApiProblems.NotFound("no hay un proveedor de ingreso externo configurado en este servicio");
        }
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = ReturnPath.Safe(volver) }, [ExternalLogin.Scheme]);
    }

    private static Ok<WhoAmIAnswer> WhoAmI(HttpContext context, IAntiforgery antiforgery) =>
        TypedResults.Ok(new WhoAmIAnswer(AdministrationJson.User(Caller.Of(context)), antiforgery.GetAndStoreTokens(context).RequestToken));

    /// <summary>The session's user and the antiforgery token its changes must carry.</summary>
    public sealed record WhoAmIAnswer(object Usuario, string? Antifalsificacion);

    private static async Task<IResult> LogOutAsync(HttpContext context, ApiDatabase database, CancellationToken cancellationToken)
    {
        await SignOutAsync(context, database, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Ends the browser session, journaled (the API's DELETE and the web's «Cerrar sesión» alike).</summary>
    public static async Task SignOutAsync(HttpContext context, ApiDatabase database, CancellationToken cancellationToken)
    {
        await database.Journal.RecordAsync(Caller.Actor(context), AccessEvent.SessionEnded, "cerró la sesión", cancellationToken);
        await context.SignOutAsync(ServiceIdentity.SessionScheme);
    }
}
