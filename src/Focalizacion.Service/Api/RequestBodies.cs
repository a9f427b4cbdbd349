using Microsoft.OpenApi;

namespace Focalizacion.Service.Api;

/// <summary>
/// Says in the OpenAPI document what body an operation takes, without the routing constraint that
/// <c>Accepts</c> adds: with it, routing answers a body of another type with 415 before
/// authorization runs, so an anonymous caller would learn the operation's content type instead of
/// getting its 401. The operation checks the type itself (<see cref="ApiJson.ReadAsync{T}"/>, the BPMN upload).
/// </summary>
internal static class RequestBodies
{
    /// <summary>The body is JSON of <typeparamref name="T"/>'s shape.</summary>
    public static RouteHandlerBuilder Takes<T>(this RouteHandlerBuilder builder) => builder.Takes(typeof(T), "application/json");

    /// <summary>The body is <paramref name="type"/>, in one of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder Takes(this RouteHandlerBuilder builder, Type type, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            var body = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>() };
            foreach (var contentType in contentTypes)
            {
                body.Content[contentType] = new OpenApiMediaType { Schema = schema };
            }
            operation.RequestBody = body;
        });
}
