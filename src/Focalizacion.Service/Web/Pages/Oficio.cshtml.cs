using Focalizacion.Access;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>One oficio (<c>/oficios/{clave}</c>): its message as sent, its recipients and its delivery record.</summary>
[Authorize(Policy = nameof(Capability.Leer))]
internal sealed class OficioModel(ApiDatabase database) : PageModel
{
    public MailRecord Oficio { get; private set; } = null!;

    public Region Region { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? clave)
    {
        // Another region's oficio is not found, as an unknown one: its existence is not revealed.
        if (clave is not { Length: > 0 } || await CycleActions.OficioAsync(Caller.Of(HttpContext), database, Uri.UnescapeDataString(clave), HttpContext.RequestAborted) is not { } oficio)
        {
            return NotFound();
        }
        (Oficio, Region) = (oficio, RegionRegistry.ByIsoSuffix(oficio.Region));
        return Page();
    }
}
