using Focalizacion.Access;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Disenador;

/// <summary>
/// The workflow designer (<c>/disenador</c>, <c>/disenador/{id}</c>): the browser edits a copy of the
/// given definition, or of the newest published one; its script (front/src/disenador.js) does the rest
/// through <c>/api/v1/disenador</c> and <c>/api/v1/definiciones</c>.
/// </summary>
[Authorize(Policy = nameof(Capability.AdministrarDefiniciones))]
internal sealed class DisenadorModel(ApiDatabase database) : PageModel
{
    /// <summary>The definition opened, or null for a new diagram (none published yet).</summary>
    public DefinitionRow? Definition { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id)
    {
        var caller = Caller.Of(HttpContext);
        var aborted = HttpContext.RequestAborted;
        if (id is { } given)
        {
            Definition = await database.ReadAsync(caller, () => database.Runtime.Definitions.FindAsync(given, aborted), aborted);
            return Definition is null ? NotFound() : Page();
        }
        var all = await database.ReadAsync(caller, () => database.Runtime.Definitions.ListAsync(aborted), aborted);
        Definition = all.Where(d => d.Status == DefinitionStatus.Published).MaxBy(d => d.PublishedAt);
        return Page();
    }
}
