using Focalizacion.Access;
using Focalizacion.Calendar.Regions;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>
/// The open incidents (<c>/incidentes</c>) of the regions the user sees; an administrator retries or
/// skips one through its confirmation page (<see cref="IncidenteModel"/>).
/// </summary>
[Authorize(Policy = nameof(Capability.LeerAdministracion))]
internal sealed class IncidentesModel(ApiDatabase database) : PageModel
{
    public IReadOnlyList<(IncidentRow Incident, string? Key)> Open { get; private set; } = [];

    public bool MayResolve { get; private set; }

    /// <summary>What was just done, in words (after a confirmed action).</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? resuelto, string? accion)
    {
        var caller = Caller.Of(HttpContext);
        MayResolve = caller.May(Capability.ResolverIncidentes);
        if (resuelto is { } id && IncidenteModel.Actions.TryGetValue(accion ?? "", out var action))
        {
            Done = $"El incidente {id} fue {action.Past}: {action.Effect}.";
        }
        Open = await CycleActions.OpenIncidentsAsync(caller, database, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>When it opened, in its region's time (mainland time for an instance of no region).</summary>
    public static string Since(IncidentRow incident, string? key) =>
        WebText.ShortMoment(incident.CreatedAt, (key is null ? null : RegionRegistry.Find(key.Split('/')[0]))?.Zone ?? Focalizacion.Calendar.ChileanTime.Mainland);

    /// <summary>"Ñuble · 2027", from the cycle's key ("NB/2027").</summary>
    public static string Cycle(string? key) =>
        key?.Split('/') is [var code, var year] && RegionRegistry.Find(code) is { } region ? $"{region.Name} · {year}" : key ?? "—";
}
