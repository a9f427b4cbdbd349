using Focalizacion.Access;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.EntityFrameworkCore;

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
        TypedResults.Ok((await database.ReadAsync(Caller.Of(context), () => database.Runtime.Incidents.OpenAsync(context.RequestAborted), context.RequestAborted))
            .Select(AdministrationJson.Incident));

    private static Task<IResult> RetryAsync(long id, HttpContext context, ApiDatabase database, EngineRuntime engine) =>
        ResolveAsync(id, retry: true, context, database, engine);

    private static Task<IResult> SkipAsync(long id, HttpContext context, ApiDatabase database, EngineRuntime engine) =>
        ResolveAsync(id, retry: false, context, database, engine);

    private static async Task<IResult> ResolveAsync(long id, bool retry, HttpContext context, ApiDatabase database, EngineRuntime engine)
    {
        // Seen as the caller sees it first: another region's incident is not found, whatever the owner's runtime could do with it.
        var incident = await database.ReadAsync(Caller.Of(context), async () =>
        {
            await using var db = database.Store.Open();
            return await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, context.RequestAborted);
        }, context.RequestAborted);
        if (incident is null)
        {
            return ApiProblems.NotFound($"id: no hay un incidente {id} entre los que usted puede ver");
        }
        if (incident.State != IncidentState.Open)
        {
            return ApiProblems.Conflict($"el incidente {id} ya fue resuelto ({(incident.State == IncidentState.Retried ? "reintentado" : "omitido")} por {incident.ResolvedBy})");
        }
        var outcome = retry
            ? await engine.Incidents.RetryAsync(id, Caller.Actor(context), context.RequestAborted)
            : await engine.Incidents.SkipAsync(id, Caller.Actor(context), context.RequestAborted);
        return outcome.Applied
            ? TypedResults.Ok(new { id, instancia = outcome.InstanceId, resolucion = retry ? "reintentado" : "omitido" })
            : ApiProblems.Conflict(outcome.Refusal!);
    }
}
