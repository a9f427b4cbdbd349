using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Service.Access;
using Focalizacion.Service.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Focalizacion.Service.Identity;

/// <summary>
/// The external login: OpenID Connect authorization-code flow (PKCE, client secret) against the
/// configured provider. The backend fetches the userinfo itself (POST with the access token, as
/// ClaveÚnica asks) and matches the person to a user of the service by RUN (ClaveÚnica's
/// <c>RolUnico</c>) or by verified e-mail; the users table decides role and region. A person who
/// is not a user is sent to the login page, which says "no autorizado" in Spanish; nothing is created.
/// </summary>
internal static class ExternalLogin
{
    public const string Scheme = "externo";

    /// <summary>The login page's <c>?externo=</c> when the person is not an active user.</summary>
    public const string NotAuthorized = "no-autorizado";

    /// <summary>The login page's <c>?externo=</c> when the exchange with the provider failed.</summary>
    public const string Failed = "fallo";

    public static void Add(AuthenticationBuilder authentication, ExternalLoginSettings settings)
    {
        authentication.AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority.ToString();
            options.RequireHttpsMetadata = settings.RequireHttps;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            // A redirect back with the code in the query: a cross-site form POST would not carry
            // the Lax correlation cookies.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.Scope.Clear();
            foreach (var scope in settings.Scope.Split(' '))
            {
                options.Scope.Add(scope);
            }
            options.CallbackPath = ExternalLoginSettings.CallbackPath;
            options.SignInScheme = ServiceIdentity.SessionScheme;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.MapInboundClaims = false;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnTokenValidated = context => MatchAsync(context, settings);
            options.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalLogin))
                    .LogWarning(context.Failure, "External login failed at the callback");
                context.Response.Redirect(WebSetup.LoginPath + QueryString.Create("externo", Failed));
                return Task.CompletedTask;
            };
        });
    }

    private static async Task MatchAsync(TokenValidatedContext context, ExternalLoginSettings settings)
    {
        var http = context.HttpContext;
        var person = await PersonAsync(context, settings);
        var database = http.RequestServices.GetRequiredService<ApiDatabase>();
        User? user = person switch
        {
            (Run run, _) => await database.Users.FindByRunAsync(run, http.RequestAborted),
            (_, { } email) => await database.Users.FindByEmailAsync(email, http.RequestAborted),
            _ => null,
        };
        var address = http.Connection.RemoteIpAddress?.ToString();
        var who = person.Run is { } r ? $"el RUN {r}" : person.Email is { } e ? $"el correo {e}" : "la persona";
        if (user is not { Active: true })
        {
            context.HandleResponse();
            await database.Journal.RecordAsync(new Runtime.Actor(person.Run?.ToString() ?? person.Email ?? "desconocido", Runtime.ActorChannel.Web) { Address = address },
                AccessEvent.LoginRefused, $"ingreso con {settings.DisplayName}: {who} no es un usuario activo", http.RequestAborted);
            // The login page says so in words (IngresarModel.ExternalOutcomes); the journal keeps who it was.
            http.Response.Redirect(WebSetup.LoginPath + QueryString.Create("externo", NotAuthorized));
            return;
        }
        await database.Journal.RecordAsync(user.AsActor(Runtime.ActorChannel.Web, address), AccessEvent.SessionStarted, $"con {settings.DisplayName} ({who})", http.RequestAborted);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture))], ServiceIdentity.SessionScheme);
        context.Principal = new ClaimsPrincipal(identity);
    }

    /// <summary>Who the provider says the person is, from the userinfo the backend fetches with the access token.</summary>
    private static async Task<(Run? Run, string? Email)> PersonAsync(TokenValidatedContext context, ExternalLoginSettings settings)
    {
        var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        if (accessToken is null || configuration.UserInfoEndpoint is not { Length: > 0 } endpoint)
        {
            return (null, null);
        }
        using var request = new HttpRequestMessage(settings.Profile == ProviderProfile.ClaveUnica ? HttpMethod.Post : HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await context.Options.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            return (null, null);
        }
        using var userinfo = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted), new JsonDocumentOptions { MaxDepth = 16 });
        var root = userinfo.RootElement;
        // The userinfo must be about the person the id_token names (OpenID Connect Core §5.3.2).
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sub", out var sub) || sub.GetString() != context.Principal?.FindFirstValue("sub"))
        {
            return (null, null);
        }
        if (settings.Profile == ProviderProfile.ClaveUnica)
        {
            return root.TryGetProperty("RolUnico", out var rol) && rol.ValueKind == JsonValueKind.Object
                && rol.TryGetProperty("numero", out var numero) && numero.TryGetInt64(out var number)
                && rol.TryGetProperty("DV", out var dv) && dv.ValueKind == JsonValueKind.String
                ? (Run.FromParts(number, dv.GetString()), null)
                : (null, null);
        }
        var verified = !root.TryGetProperty("email_verified", out var flag) || flag.ValueKind == JsonValueKind.True;
        return root.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String && verified ? (null, email.GetString()) : (null, null);
    }
}
