using System.Threading.RateLimiting;
using Focalizacion.Access;
using Focalizacion.Service.Web;
using Microsoft.AspNetCore.Authentication;

namespace Focalizacion.Service.Identity;

/// <summary>
/// Who is calling: a browser's session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS;
/// antiforgery on every change) or a program's personal access token (<c>Bearer</c>); one
/// authorization policy per <see cref="Capability"/> of <see cref="AccessPolicy"/>; rate limits
/// on logging in and creating tokens.
/// </summary>
internal static class ServiceIdentity
{
    public const string SessionScheme = "sesion";
    public const string TokenScheme = "token";
    private const string EitherScheme = "sesion-o-token";

    public const string SessionCookie = "focalizacion_sesion";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>The rate-limiting policy of login and token creation: per client address.</summary>
    public const string CredentialsLimit = "credenciales";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static WebApplicationBuilder AddServiceIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        var authentication = services.AddAuthentication(EitherScheme)
            .AddPolicyScheme(EitherScheme, "sesión o token", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith(TokenAuthenticationHandler.BearerPrefix, StringComparison.OrdinalIgnoreCase) ? TokenScheme : SessionScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenScheme, null)
            .AddCookie(SessionScheme, options =>
            {
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                // Lax, not Strict: a session started by an external login arrives at the end of a
                // redirect chain that began at the provider, where a Strict cookie is not sent.
                // Changes are protected by the antiforgery token either way.
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = true;
                // A page sends the browser to log in and come back; an API answers with a status, never a redirect.
                options.Events.OnRedirectToLogin = context =>
                {
                    if (WebSetup.IsPage(context.Request))
                    {
                        context.Response.Redirect(WebSetup.LoginPath + QueryString.Create("volver", context.Request.PathBase + context.Request.Path + context.Request.QueryString));
                        return Task.CompletedTask;
                    }
                    return ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                        "Se requiere autenticación: inicie sesión o envíe «Authorization: Bearer <token>» con un token vigente.");
                };
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    if (WebSetup.IsPage(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden; // the Spanish status page (WebSetup.UseWeb)
                        return Task.CompletedTask;
                    }
                    return ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Su rol no permite esta operación.");
                };
            });
        if (ExternalLoginSettings.From(builder.Configuration) is { } external)
        {
            ExternalLogin.Add(authentication, external);
            services.AddSingleton(external);
        }
        services.AddAuthorization(options =>
        {
            foreach (var capability in Enum.GetValues<Capability>())
            {
                options.AddPolicy(capability.ToString(), policy => policy.RequireAuthenticatedUser().AddRequirements(new CapabilityRequirement(capability)));
            }
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, CapabilityHandler>();
        services.AddSingleton<CalendarFeed>();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = "focalizacion_af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => new ValueTask(ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                "Demasiados intentos desde esta dirección; espere un minuto y vuelva a intentarlo."));
            // What spends credentials is a POST (a login, a new token); showing the page that asks for them is not.
            options.AddPolicy(CredentialsLimit, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("sin-limite")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "clave:" + context.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    public static WebApplication UseServiceIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<CallerMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Requires <paramref name="capability"/> on an endpoint or group.</summary>
    public static TBuilder Requiring<TBuilder>(this TBuilder builder, Capability capability) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(capability.ToString());
}
