using Focalizacion.Service.Identity;

namespace Focalizacion.Service.Api;

/// <summary>
/// The HTTP API under <c>/api/v1</c>: Spanish resource names as the CLI's, JSON, errors as Spanish
/// problem details naming the field; the OpenAPI 3.1 document at <c>/openapi/v1.json</c> and a
/// browsable reference at <c>/api</c>. Every operation requires an authenticated caller except
/// logging in; what each role may do is <see cref="Focalizacion.Access.AccessPolicy"/>.
/// </summary>
internal static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>The OpenAPI 3.1 document (<c>/openapi/v1.json</c>).</summary>
    public const string OpenApiPath = "/openapi/{documentName}.json";

    /// <summary>Where the browsable reference is (<c>/api</c>, its page at <c>/api/index.html</c>).</summary>
    public const string ReferencePrefix = "api";

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        // A parameter that does not bind throws, so that the problem details can name it (SpanishProblemDetails).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Focalización Regional — API";
            // Markdown: in a code span, so that the reference shows "<token>" instead of taking it for an HTML tag.
            document.Info.Description = "La API del servicio que lleva el ciclo anual de Focalización Regional (Decreto 246). Autenticación: sesión del navegador o `Authorization: Bearer <token>`.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix).AddEndpointFilter<AntiforgeryFilter>().AddEndpointFilter<NulCharacterFilter>();
        SesionApi.Map(api);
        TokensApi.Map(api);
        CalendarioApi.Map(api);
        CiclosApi.Map(api);
        OficiosApi.Map(api);
        FocalizacionesApi.Map(api);
        DocumentosApi.Map(api);
        DiarioApi.Map(api);
        CalendarioIcsApi.Map(api);
        DefinicionesApi.Map(api);
        DisenadorApi.Map(api);
        DisenadorSimulacionesApi.Map(api);
        IncidentesApi.Map(api);
        DirectorioApi.Map(api);
        PlantillasApi.Map(api);
        SimulacionesApi.Map(api);
        UsuariosApi.Map(api);
        app.MapOpenApi(OpenApiPath);
        // The browsable reference, served by the service itself (swagger-ui is embedded in the package: no CDN).
        // Its files live under /api/ (index.html, swagger-ui-bundle.js…); no route of /api/v1 is a file there.
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = ReferencePrefix;
            options.SwaggerEndpoint(OpenApiPath.Replace("{documentName}", "v1", StringComparison.Ordinal), "Focalización Regional — API v1");
            options.DocumentTitle = "Focalización Regional — Referencia de la API";
        });
        return app;
    }
}
