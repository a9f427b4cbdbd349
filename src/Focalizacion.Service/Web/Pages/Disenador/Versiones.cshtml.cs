using Focalizacion.Access;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Disenador;

/// <summary>What publishing a draft changes: the version it replaces, the differences, and how many instances run that version (they stay on it).</summary>
internal sealed record PublishPreview(DefinitionRow Draft, DefinitionRow? Current, DefinitionDiff? Diff, int RunningOnCurrent, IReadOnlyList<DefinitionProblem> Problems);

/// <summary>
/// The versions of the workflow definitions (<c>/disenador/versiones</c>): who uploaded, published and
/// retired each and when; publishing a draft after a confirmation that lists what changes against the
/// current version and how many instances run it (they stay pinned); retiring a published version.
/// </summary>
[Authorize(Policy = nameof(Capability.AdministrarDefiniciones))]
internal sealed class VersionesModel(ApiDatabase database, EngineRuntime engine) : PageModel
{
    public IReadOnlyList<DefinitionRow> Definitions { get; private set; } = [];

    /// <summary>The confirmation asked for (<c>?publicar=id</c>), if any.</summary>
    public PublishPreview? Preview { get; private set; }

    /// <summary>What was just done, or why it could not be.</summary>
    public string? Done { get; private set; }

    public string? Refusal { get; private set; }

    /// <summary>The newest published version of each process key.</summary>
    public DefinitionRow? CurrentOf(string processKey) =>
        Definitions.Where(d => d.ProcessKey == processKey && d.Status == DefinitionStatus.Published).MaxBy(d => d.Version);

    public async Task<IActionResult> OnGetAsync(long? publicar, long? publicada, long? retirada)
    {
        await LoadAsync();
        if (publicar is { } id)
        {
            if (Definitions.FirstOrDefault(d => d.Id == id && d.Status == DefinitionStatus.Draft) is not { } draft)
            {
                return NotFound();
            }
            Preview = await PreviewAsync(draft);
        }
        Done = publicada is { } p && Definitions.FirstOrDefault(d => d.Id == p) is { } published
            ? $"Se publicó «{published.ProcessKey}» versión {published.Version}: los ciclos nuevos se inician con ella; los que ya corren siguen con la suya."
            : retirada is { } r && Definitions.FirstOrDefault(d => d.Id == r) is { } retired
                ? $"Se retiró «{retired.ProcessKey}» versión {retired.Version}: ningún ciclo nuevo se inicia con ella; los que la usan siguen."
                : null;
        return Page();
    }

    public async Task<IActionResult> OnPostPublicarAsync(long id)
    {
        try
        {
            await engine.Definitions.PublishAsync(id, Caller.Actor(HttpContext), HttpContext.RequestAborted);
            return Redirect($"/disenador/versiones?publicada={id}");
        }
        catch (DefinitionProblemsException refused)
        {
            Refusal = $"No se pudo publicar: {refused.Message}; la confirmación lista sus problemas.";
        }
        catch (RuntimeException refused)
        {
            Refusal = $"No se pudo publicar: {refused.Message}."; // not a draft any more: published by someone else meanwhile
        }
        await LoadAsync();
        if (Definitions.FirstOrDefault(d => d.Id == id && d.Status == DefinitionStatus.Draft) is { } draft)
        {
            Preview = await PreviewAsync(draft);
        }
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    public async Task<IActionResult> OnPostRetirarAsync(long id)
    {
        await LoadAsync();
        if (Definitions.FirstOrDefault(d => d.Id == id) is not { Version: { } version } row)
        {
            return NotFound();
        }
        if (row.Status != DefinitionStatus.Published)
        {
            Refusal = $"No se pudo retirar: «{row.ProcessKey}» versión {version} ya está retirada.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        await engine.Definitions.RetireAsync(row.ProcessKey, version, Caller.Actor(HttpContext), HttpContext.RequestAborted);
        return Redirect($"/disenador/versiones?retirada={id}");
    }

    private async Task LoadAsync() =>
        Definitions = await database.ReadAsync(Caller.Of(HttpContext), () => database.Runtime.Definitions.ListAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);

    private async Task<PublishPreview> PreviewAsync(DefinitionRow draft)
    {
        var cancellation = HttpContext.RequestAborted;
        var problems = engine.Definitions.Validate(draft.BpmnXml).Problems;
        if (CurrentOf(draft.ProcessKey) is not { } current)
        {
            return new PublishPreview(draft, null, null, 0, problems);
        }
        var diff = DefinitionDiff.Between(await engine.Definitions.ParsedAsync(current.Id, cancellation), await engine.Definitions.ParsedAsync(draft.Id, cancellation));
        var running = (await engine.Migrations.RunningOnAsync(current.Id, cancellation)).Count;
        return new PublishPreview(draft, current, diff, running, problems);
    }
}
