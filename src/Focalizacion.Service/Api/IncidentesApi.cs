using Focalizacion.Access;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/incidentes</c>: what an operator does when a handler keeps failing, as
/// <c>incidente listar|reintentar|omitir</c>: the open incidents of the regions the caller sees
/// (row-level security), and retrying or skipping one, journaled with the caller's name.
/// </summary>
internal static class IncidentesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var incidentes = api.MapGroup("/incidentes").WithTags("incidentes");
        incidentes.MapGet("", ListAsync).Requiring(Capability.LeerAdministracion).WithSummary("Los incidentes abiertos de las regiones que usted puede ver");
        incidentes.MapPost("/{id:long}/reintentar", RetryAsync).Requiring(Capability.ResolverIncidentes)
            .WithSummary("Reintenta: el efecto que falla vuelve a la bandeja de salida, o la tarea bloqueada se intenta de nuevo");
        incidentes.MapPost("/{id:long}/omitir", SkipAsync).Requiring(Capability.ResolverIncidentes)
            .WithSummary("Omite: el flujo continúa sin ese efecto");
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiDatabase database) =>
        TypedResults.Ok((await CycleActions.OpenIncidentsAsync(Caller.Of(context), database, context.RequestAborted)).Select(i => AdministrationJson.Incident(i.Incident)));

    private static Task<IResult> RetryAsync(long id, HttpContext context, ApiDatabase database, EngineRuntime engine) =>
        ResolveAsync(id, retry: true, context, database, engine);

    private static Task<IResult> SkipAsync(long id, HttpContext context, ApiDatabase database, EngineRuntime engine) =>
        ResolveAsync(id, retry: false, context, database, engine);

    private static async Task<IResult> ResolveAsync(long id, bool retry, HttpContext context, ApiDatabase database, EngineRuntime engine)
    {
        var outcome = await CycleActions.ResolveIncidentAsync(Caller.Of(context), Caller.Actor(context), id, retry, database, engine, context.RequestAborted);
        return outcome.Done
            ? TypedResults.Ok(new { id, instancia = outcome.InstanceId, resolucion = retry ? "reintentado" : "omitido" })
            : outcome.ToProblem();
    }
}
