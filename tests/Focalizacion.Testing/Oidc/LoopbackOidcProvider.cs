using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Focalizacion.Testing.Oidc;

/// <summary>
/// A real OpenID Connect provider on 127.0.0.1 (a free port, plain http), shaped like Chile's
/// ClaveÚnica: OpenIddict's server in degraded mode (no database, one registered confidential client,
/// in-memory RSA keys made at start), the authorization-code flow (PKCE optional, response mode <c>query</c> only),
/// client_secret_post and client_secret_basic at the token endpoint, and a userinfo endpoint that
/// answers GET and POST with a bearer access token. When the browser has no session with the
/// provider, the authorization endpoint shows a login form (<c>run</c>, <c>clave</c>);
/// <see cref="SignInAsync"/> fills it in the way a person would.
/// </summary>
public sealed class LoopbackOidcProvider : IAsyncDisposable
{
    public const string AuthorizationPath = "/openid/authorize";
    public const string TokenPath = "/openid/token";
    public const string UserInfoPath = "/openid/userinfo";
    public const string EndSessionPath = "/openid/logout";
    public const string LoginPath = "/openid/login";

    /// <summary>The provider's own session cookie: named apart from the client's, which shares the 127.0.0.1 cookie jar.</summary>
    private const string SessionScheme = "sesion-proveedor";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, OidcPerson> _byRun;
    private readonly Dictionary<string, OidcPerson> _bySubject;
    private readonly ConcurrentDictionary<string, bool> _redeemedCodes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private int _userInfoRequests;

    private LoopbackOidcProvider(OidcClientRegistration client, IEnumerable<OidcPerson> people, OidcProfile profile)
    {
        Client = client;
        Profile = profile;
        var list = people.ToList();
        _byRun = list.ToDictionary(person => OidcPerson.NormalizeRun(person.Run), StringComparer.Ordinal);
        _bySubject = list.ToDictionary(person => person.Subject, StringComparer.Ordinal);
        _app = Build();
    }

    /// <summary>The issuer and base of every endpoint, e.g. <c>http://127.0.0.1:41234/</c>: a client's Authority.</summary>
    public Uri Issuer { get; private set; } = null!;

    public Uri AuthorizationEndpoint => new(Issuer, AuthorizationPath);

    public Uri TokenEndpoint => new(Issuer, TokenPath);

    public Uri UserInfoEndpoint => new(Issuer, UserInfoPath);

    public Uri EndSessionEndpoint => new(Issuer, EndSessionPath);

    public OidcClientRegistration Client { get; }

    public OidcProfile Profile { get; }

    /// <summary>How many userinfo requests with a valid access token were answered: proof that a client fetched it.</summary>
    public int UserInfoRequests => Volatile.Read(ref _userInfoRequests);

    /// <summary>
    /// Starts a provider that knows <paramref name="client"/> and lets <paramref name="people"/> log in;
    /// returns once it has answered its own discovery document.
    /// </summary>
    public static async Task<LoopbackOidcProvider> StartAsync(
        OidcClientRegistration client, IEnumerable<OidcPerson> people, OidcProfile profile = OidcProfile.ClaveUnica)
    {
        var provider = new LoopbackOidcProvider(client, people, profile);
        await provider._app.StartAsync();
        provider.Issuer = new Uri(provider._app.Urls.Single() + "/");
        // The first request builds OpenIddict's options: pay for it here, not in a test's first request.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var discovery = await http.GetAsync(new Uri(provider.Issuer, ".well-known/openid-configuration"));
        discovery.EnsureSuccessStatusCode();
        return provider;
    }

    /// <summary>An HttpClient that acts as a browser: it keeps cookies and shows redirects instead of following them.</summary>
    public static HttpClient CreateBrowser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>
    /// Logs in as a person would: from <paramref name="start"/> (an authorization URL of this provider, or a
    /// page of the client application that redirects to one) it follows redirects, fills in the login form
    /// if the provider shows it, and returns where the provider finally sends the browser back to: the
    /// client's redirect URI with <c>code</c> and <c>state</c> (or <c>error</c>), not yet requested.
    /// <paramref name="browser"/> must not follow redirects itself (see <see cref="CreateBrowser"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider refused the RUN and password, or answered otherwise than a provider does.</exception>
    public async Task<Uri> SignInAsync(HttpClient browser, Uri start, string run, string password)
    {
        var current = start;
        var response = await browser.GetAsync(current);
        var seenProvider = false;
        var submitted = false;
        try
        {
            for (var step = 0; step < 20; step++)
            {
                var onProvider = IsProvider(current);
                seenProvider |= onProvider;
                if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                    && response.Headers.Location is { } location)
                {
                    var next = new Uri(current, location);
                    if (seenProvider && !IsProvider(next))
                    {
                        return next;
                    }
                    response.Dispose();
                    (current, response) = (next, await browser.GetAsync(next));
                    continue;
                }
                var page = await response.Content.ReadAsStringAsync();
                if (onProvider && response.StatusCode == HttpStatusCode.OK && LoginPage.Read(page) is var (action, fields))
                {
                    if (submitted)
                    {
                        throw new InvalidOperationException($"The provider refused the login of {run}: {LoginPage.Error(page)}");
                    }
                    fields["run"] = run;
                    fields["clave"] = password;
                    response.Dispose();
                    current = new Uri(current, action);
                    response = await browser.PostAsync(current, new FormUrlEncodedContent(fields));
                    submitted = true;
                    continue;
                }
                throw new InvalidOperationException($"{current} answered {(int)response.StatusCode} where a redirect or the login form was expected: {page}");
            }
            throw new InvalidOperationException($"More than 20 steps from {start} without getting back to the client.");
        }
        finally
        {
            response.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private bool IsProvider(Uri uri) => Uri.Compare(uri, Issuer, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, cookie => cookie.Cookie.Name = "proveedor-oidc-sesion");
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris(AuthorizationPath)
                .SetTokenEndpointUris(TokenPath)
                .SetUserInfoEndpointUris(UserInfoPath)
                .SetEndSessionEndpointUris(EndSessionPath);
            server.AllowAuthorizationCodeFlow();
            server.RegisterScopes(Profile == OidcProfile.ClaveUnica
                ? [Scopes.OpenId, "run", "name"]
                : [Scopes.OpenId, Scopes.Profile, Scopes.Email]);
            // Ephemeral keys, as AddEphemeralSigningKey makes them, but 2048-bit: OpenIddict 7.8's are 4096-bit,
            // and generating two of those costs seconds of CPU for every provider a test starts.
            server.AddEncryptionKey(new RsaSecurityKey(RSA.Create(2048)))
                .AddSigningKey(new RsaSecurityKey(RSA.Create(2048)))
                .DisableAccessTokenEncryption();
            server.Configure(options =>
            {
                options.ResponseModes.Clear();
                options.ResponseModes.Add(ResponseModes.Query);
                options.ClientAuthenticationMethods.Clear();
                options.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretBasic);
                options.ClientAuthenticationMethods.Add(ClientAuthenticationMethods.ClientSecretPost);
            });
            // No stores: the checks OpenIddict would make against its application store are these handlers.
            server.EnableDegradedMode();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(ValidateAuthorization));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(ValidateToken));
            server.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(ValidateEndSession));
            server.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();
        });
        var app = builder.Build();
        // ClaveÚnica takes userinfo as a bodiless POST with only the bearer header; OpenIddict wants a form content type.
        app.Use((http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path == UserInfoPath
                && http.Request.ContentType is null && http.Request.ContentLength is null or 0)
            {
                http.Request.ContentType = "application/x-www-form-urlencoded";
            }
            return next(http);
        });
        app.UseAuthentication();
        app.MapMethods(AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)AuthorizeAsync);
        app.MapPost(LoginPath, (Func<HttpContext, Task<IResult>>)LoginAsync);
        app.MapMethods(UserInfoPath, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)UserInfoAsync);
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)EndSessionAsync);
        return app;
    }

    private ValueTask ValidateAuthorization(ValidateAuthorizationRequestContext context)
    {
        if (!string.Equals(context.ClientId, Client.ClientId, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidClient, "Unknown client_id.");
        }
        else if (!Client.RedirectUris.Any(uri => string.Equals(uri.AbsoluteUri, context.RedirectUri, StringComparison.Ordinal)))
        {
            context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
        }
        return default;
    }

    private ValueTask ValidateToken(ValidateTokenRequestContext context)
    {
        if (!string.Equals(context.ClientId, Client.ClientId, StringComparison.Ordinal) || context.ClientSecret is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(context.ClientSecret), Encoding.UTF8.GetBytes(Client.ClientSecret)))
        {
            context.Reject(Errors.InvalidClient, "Wrong client_id or client_secret.");
        }
        // Degraded mode stores no tokens, so nothing else stops a code from being redeemed twice.
        else if (context.Request.Code is { } code && !_redeemedCodes.TryAdd(code, true))
        {
            context.Reject(Errors.InvalidGrant, "The authorization code was already redeemed.");
        }
        return default;
    }

    private ValueTask ValidateEndSession(ValidateEndSessionRequestContext context)
    {
        if (context.PostLogoutRedirectUri is { } uri
            && !(Client.PostLogoutRedirectUris ?? []).Any(allowed => string.Equals(allowed.AbsoluteUri, uri, StringComparison.Ordinal)))
        {
            context.Reject(Errors.InvalidRequest, "The post_logout_redirect_uri is not registered for this client.");
        }
        return default;
    }

    /// <summary>With a provider session, the code for its person; without one, the login form.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(SessionScheme);
        if (session.Principal?.FindFirst(Claims.Subject)?.Value is not { } subject || !_bySubject.TryGetValue(subject, out var person))
        {
            // The request comes back to this endpoint after login, always as a GET.
            var query = HttpMethods.IsGet(http.Request.Method)
                ? http.Request.QueryString
                : QueryString.Create(await http.Request.ReadFormAsync());
            return Login(AuthorizationPath + query.Value, error: null);
        }
        var scopes = request.GetScopes();
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject);
        if (Profile == OidcProfile.Standard)
        {
            if (scopes.Contains(Scopes.Profile))
            {
                identity.SetClaim(Claims.Name, $"{person.Nombres} {person.Apellidos}")
                    .SetClaim(Claims.GivenName, person.Nombres)
                    .SetClaim(Claims.FamilyName, person.Apellidos);
            }
            if (scopes.Contains(Scopes.Email) && person.Email is not null)
            {
                identity.SetClaim(Claims.Email, person.Email).SetClaim(Claims.EmailVerified, true);
            }
        }
        identity.SetScopes(scopes);
        // Only the subject goes into the access token: userinfo looks the person up by it.
        identity.SetDestinations(claim => claim.Type == Claims.Subject
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Checks the RUN and password; on success opens a provider session and goes back to the authorization request.</summary>
    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form[LoginPage.ReturnField].ToString();
        if (!returnUrl.StartsWith(AuthorizationPath + "?", StringComparison.Ordinal))
        {
            return Results.BadRequest();
        }
        var run = form["run"].ToString();
        var password = form["clave"].ToString();
        var known = _byRun.TryGetValue(TryNormalizeRun(run), out var person);
        if (!known || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(person!.Password), Encoding.UTF8.GetBytes(password)))
        {
            return Login(returnUrl, "RUN o clave incorrectos.");
        }
        var identity = new ClaimsIdentity([new Claim(Claims.Subject, person.Subject)], SessionScheme);
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    /// <summary>What the access token's scopes let the client know about its person, in the profile's shape.</summary>
    private async Task<IResult> UserInfoAsync(HttpContext http)
    {
        var token = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (token.Principal?.GetClaim(Claims.Subject) is not { } subject || !_bySubject.TryGetValue(subject, out var person))
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        Interlocked.Increment(ref _userInfoRequests);
        var scopes = token.Principal.GetScopes();
        var body = new JsonObject { ["sub"] = person.Subject };
        if (Profile == OidcProfile.ClaveUnica)
        {
            if (scopes.Contains("run"))
            {
                body["RolUnico"] = new JsonObject { ["numero"] = person.Numero, ["DV"] = person.DV, ["tipo"] = "RUN" };
            }
            if (scopes.Contains("name"))
            {
                body["name"] = new JsonObject { ["nombres"] = Words(person.Nombres), ["apellidos"] = Words(person.Apellidos) };
            }
        }
        else
        {
            if (scopes.Contains(Scopes.Profile))
            {
                body["name"] = $"{person.Nombres} {person.Apellidos}";
                body["given_name"] = person.Nombres;
                body["family_name"] = person.Apellidos;
            }
            if (scopes.Contains(Scopes.Email) && person.Email is not null)
            {
                body["email"] = person.Email;
                body["email_verified"] = true;
            }
        }
        return Results.Json(body, Json);
    }

    /// <summary>Ends the provider session, then lets OpenIddict send the browser to the post_logout_redirect_uri, if one was given.</summary>
    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(SessionScheme);
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private IResult Login(string returnUrl, string? error) => LoginPage.Render(
        Profile == OidcProfile.ClaveUnica ? "ClaveÚnica (proveedor de prueba)" : "Proveedor de identidad de prueba",
        LoginPath, returnUrl, error);

    private static string TryNormalizeRun(string run)
    {
        try
        {
            return OidcPerson.NormalizeRun(run);
        }
        catch (FormatException)
        {
            return "";
        }
    }

    private static JsonArray Words(string text) =>
        new([.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => (JsonNode?)word)]);
}
