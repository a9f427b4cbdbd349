using Focalizacion.Access;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Focalizacion.Service.Web.Pages.Administracion;

/// <summary>The email templates (<c>/administracion/plantillas</c>): the shipped default or an administrator's edit, and whose.</summary>
[Authorize(Policy = nameof(Capability.LeerAdministracion))]
internal sealed class PlantillasModel(ApiDatabase database) : PageModel
{
    public IReadOnlyDictionary<string, (Instant At, string By)> Edits { get; private set; } = new Dictionary<string, (Instant, string)>();

    public async Task OnGetAsync() =>
        Edits = await database.ReadAsync(Caller.Of(HttpContext), () => new TemplateStore(database.Store, database.Clock).EditsAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
}
