using Focalizacion.Access;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Administracion;

/// <summary>The workflow definitions (<c>/administracion/definiciones</c>): drafts, published and retired versions, each downloadable as it was uploaded.</summary>
[Authorize(Policy = nameof(Capability.LeerAdministracion))]
internal sealed class DefinicionesModel(ApiDatabase database) : PageModel
{
    public IReadOnlyList<DefinitionRow> Definitions { get; private set; } = [];

    public async Task OnGetAsync() =>
        Definitions = await database.ReadAsync(Caller.Of(HttpContext), () => database.Runtime.Definitions.ListAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
}
