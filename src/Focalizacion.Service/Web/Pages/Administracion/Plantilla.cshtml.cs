using Focalizacion.Access;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Administracion;

/// <summary>
/// One email template (<c>/administracion/plantillas/{clave}</c>): its three parts in editors, a
/// preview rendered with the sample data as one types (its problems at their line and column), and
/// saving — only a template without problems is saved, as the API and the CLI do — or restoring the default.
/// </summary>
[Authorize(Policy = nameof(Capability.LeerAdministracion))]
internal sealed class PlantillaModel(ApiDatabase database, EngineRuntime engine) : PageModel
{
    public string Clave { get; private set; } = "";

    public MailTemplate Template { get; private set; } = null!;

    /// <summary>The sample rendering, when the template has no problem.</summary>
    public RenderedMail? Preview { get; private set; }

    public IReadOnlyList<TemplateProblem> Problems { get; private set; } = [];

    public string? Notice { get; private set; }

    public bool MayChange => Caller.Of(HttpContext).May(Capability.AdministrarPlantillas);

    public async Task<IActionResult> OnGetAsync(string clave)
    {
        if (!TemplateKeys.All.Contains(clave))
        {
            return NotFound();
        }
        Clave = clave;
        Template = await database.ReadAsync(Caller.Of(HttpContext), () => new TemplateStore(database.Store, database.Clock).GetAsync(clave, HttpContext.RequestAborted), HttpContext.RequestAborted);
        await PreviewAsync();
        return Page();
    }

    /// <summary>The preview of what the editors hold, without saving; only the preview's fragment when the page's script asks.</summary>
    public async Task<IActionResult> OnPostVistaAsync(string clave, string? asunto, string? html, string? texto, bool fragmento)
    {
        if (Edited(clave, asunto, html, texto) is { } refused)
        {
            return refused;
        }
        await PreviewAsync();
        return fragmento ? Partial("_VistaPrevia", this) : Page();
    }

    public async Task<IActionResult> OnPostGuardarAsync(string clave, string? asunto, string? html, string? texto)
    {
        if (!MayChange)
        {
            return Forbid();
        }
        if (Edited(clave, asunto, html, texto) is { } refused)
        {
            return refused;
        }
        Problems = await new TemplateStore(engine.Store, engine.Clock).TrySaveAsync(Template, Caller.Actor(HttpContext), HttpContext.RequestAborted);
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        Notice = $"Se guardó la plantilla «{clave}»: los próximos correos la usan.";
        await PreviewAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRestaurarAsync(string clave)
    {
        if (!MayChange)
        {
            return Forbid();
        }
        if (!TemplateKeys.All.Contains(clave))
        {
            return NotFound();
        }
        Clave = clave;
        var store = new TemplateStore(engine.Store, engine.Clock);
        await store.RevertAsync(clave, HttpContext.RequestAborted);
        Template = await store.GetAsync(clave, HttpContext.RequestAborted);
        Notice = $"Se restauró la plantilla predeterminada de «{clave}».";
        await PreviewAsync();
        return Page();
    }

    /// <summary>The template the form sent (a missing part is empty: the check names it); not found when the key is not one of ours.</summary>
    private NotFoundResult? Edited(string clave, string? asunto, string? html, string? texto)
    {
        if (!TemplateKeys.All.Contains(clave))
        {
            return NotFound();
        }
        Clave = clave;
        Template = new MailTemplate(clave, asunto ?? "", html ?? "", texto ?? "");
        return null;
    }

    private async Task PreviewAsync()
    {
        Problems = await TemplateRenderer.ProblemsAsync(Template);
        Preview = null;
        if (Problems.Count == 0)
        {
            try
            {
                Preview = await TemplateRenderer.RenderAsync(Template, TemplateModel.Sample);
            }
            catch (CycleException failed)
            {
                Problems = [new TemplateProblem("formulario", failed.Message)];
            }
        }
    }
}
