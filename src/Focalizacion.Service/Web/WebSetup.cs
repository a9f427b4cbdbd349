using Focalizacion.Service.Api;
using Focalizacion.Service.Health;
using Microsoft.Extensions.FileProviders;

namespace Focalizacion.Service.Web;

/// <summary>
/// The web application: server-rendered Razor Pages (Spanish, gob.cl's look, WCAG 2.2 AA) on the
/// same port and behind the same login as the API; every page but logging in requires a session.
/// Its styles, fonts and scripts are the npm build's bundle (wwwroot/dist), served by the service.
/// </summary>
internal static class WebSetup
{
    /// <summary>The login page; an unauthenticated browser is sent there with its way back.</summary>
    public const string LoginPath = "/ingresar";

    /// <summary>Where the bundle is served from.</summary>
    public const string BundlePath = "/dist";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web/Pages";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Ingresar");
            options.Conventions.AllowAnonymousToPage("/Estado");
            // The journal page is also one cycle's journal.
            options.Conventions.AddPageRoute("/Diario", "/ciclos/{anio:int}/{region}/diario");
        }).AddMvcOptions(options => options.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(value => $"«{value}» no es un número"));
        return builder;
    }

    /// <summary>Static files and the Spanish error pages, before routing and identity: the bundle needs no session.</summary>
    public static WebApplication UseWeb(this WebApplication app)
    {
        // A page's error status without a body (404, 403…) or failure shows a page in Spanish; the API keeps its problem details.
        app.UseWhen(context => IsPage(context.Request), branch =>
        {
            branch.UseExceptionHandler("/estado");
            branch.UseStatusCodePagesWithReExecute("/estado", "?codigo={0}");
        });
        var bundle = Path.Combine(app.Environment.WebRootPath ?? Path.Combine(AppContext.BaseDirectory, "wwwroot"), "dist");
        if (Directory.Exists(bundle))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = BundlePath,
                FileProvider = new PhysicalFileProvider(bundle),
                // Fonts carry their hash in the name; styles and scripts are linked with ?v=hash (asp-append-version).
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
            });
        }
        // Routing after the status pages: a re-executed request (/estado) is routed again. With the
        // implicit routing at the pipeline's start, the re-execution found no endpoint, and a page's
        // own 403 or 404 came out as the API's JSON problem instead of the Spanish page.
        app.UseRouting();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>Paths that are not pages: the API and its reference, the OpenAPI document, the health checks, the dashboard, the bundle.</summary>
    private static readonly string[] NotPages =
        ["/" + ApiEndpoints.ReferencePrefix, "/openapi", SaludApi.Prefix, Dashboard.OperatorDashboardExtensions.Path, BundlePath];

    /// <summary>A request for a page of the web application.</summary>
    public static bool IsPage(HttpRequest request) => !NotPages.Any(prefix => request.Path.StartsWithSegments(prefix));
}
