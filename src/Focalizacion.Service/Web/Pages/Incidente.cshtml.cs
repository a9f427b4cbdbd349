using Focalizacion.Access;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>A retry or skip of one incident: what it will do, asked to be confirmed (GET), then done (POST) through the API's path.</summary>
internal sealed record IncidentAction(string Verb, string Past, string Effect);

/// <summary>
/// The confirmation step of an incident's action (<c>/incidentes/{id}/reintentar|omitir</c>): only
/// an administrator (<see cref="Capability.ResolverIncidentes"/>) sees it or may post it; anyone else gets the 403 page.
/// </summary>
[Authorize(Policy = nameof(Capability.LeerAdministracion))]
internal sealed class IncidenteModel(ApiDatabase database, EngineRuntime engine) : PageModel
{
    public static readonly IReadOnlyDictionary<string, IncidentAction> Actions = new Dictionary<string, IncidentAction>(StringComparer.Ordinal)
    {
        ["reintentar"] = new("Reintentar", "reintentado", "el efecto que falló vuelve a la bandeja de salida para enviarse de nuevo (o la tarea bloqueada se intenta otra vez)"),
        ["omitir"] = new("Omitir", "omitido", "el ciclo continúa sin ese efecto: el oficio o la tarea no se hará"),
    };

    public IncidentRow Incident { get; private set; } = null!;

    public string? Key { get; private set; }

    public string Accion { get; private set; } = "";

    public IncidentAction Action => Actions[Accion];

    /// <summary>Why the action was refused, in words.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string accion)
    {
        if (!Actions.ContainsKey(accion))
        {
            return NotFound();
        }
        if (!Caller.Of(HttpContext).May(Capability.ResolverIncidentes))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Accion = accion;
        return await FindAsync(id) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id, string accion)
    {
        if (!Actions.ContainsKey(accion))
        {
            return NotFound();
        }
        Accion = accion;
        var outcome = await CycleActions.ResolveIncidentAsync(Caller.Of(HttpContext), Caller.Actor(HttpContext), id, accion == "reintentar", database, engine, HttpContext.RequestAborted);
        if (outcome.Done)
        {
            return Redirect($"/incidentes?resuelto={id}&accion={accion}");
        }
        if (outcome.Status is ActionStatus.Forbidden or ActionStatus.NotFound || !await FindAsync(id))
        {
            return StatusCode(outcome.Status == ActionStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }
        Refusal = $"No se pudo {accion}: {outcome.Message}.";
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> FindAsync(long id)
    {
        var found = (await CycleActions.OpenIncidentsAsync(Caller.Of(HttpContext), database, HttpContext.RequestAborted)).FirstOrDefault(i => i.Incident.Id == id);
        (Incident, Key) = (found.Incident, found.Key);
        return found.Incident is not null;
    }
}
