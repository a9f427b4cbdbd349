using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Focalizacion.Service.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Focalizacion.Service.Identity;

/// <summary>
/// Programs' authentication: <c>Authorization: Bearer foc_…</c>, a personal access token looked up
/// by its hash together with its active user (<see cref="Focalizacion.Access.Tokens.AccessTokens"/>); its use is recorded. A
/// missing, unknown, expired or revoked token is a 401 that says only that.
/// </summary>
internal sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiDatabase database)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        if (await database.Tokens.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted) is not { } user)
        {
            return AuthenticateResult.Fail("token desconocido, vencido o revocado");
        }
        // The token's statement read the active user already: CallerMiddleware does not read it again.
        Caller.Set(Context, user);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture))], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            "Se requiere autenticación: inicie sesión o envíe «Authorization: Bearer <token>» con un token vigente.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Su rol no permite esta operación.");
}
