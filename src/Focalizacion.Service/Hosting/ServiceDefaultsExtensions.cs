using Focalizacion.Service.Errors;
using Focalizacion.Service.Health;

namespace Focalizacion.Service.Hosting;

/// <summary>What every request gets, whatever it asks for: the listening address, Spanish problem details without stack traces, health checks.</summary>
internal static class ServiceDefaultsExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        // ASPNETCORE_URLS or --urls win; otherwise loopback only, on the service's own port.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(ServiceSettings.DefaultUrl);
        }
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = SpanishProblemDetails.Customize);
        builder.AddReadinessChecks();
        return builder;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // Unhandled exceptions and bare error statuses (404, 403…) both become problem details:
        // users never see a stack trace, whatever the environment.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A request the framework could not bind (?limite=abc) is the caller's mistake: its 400, not a 500, and not logged as an error.
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        return app;
    }
}
