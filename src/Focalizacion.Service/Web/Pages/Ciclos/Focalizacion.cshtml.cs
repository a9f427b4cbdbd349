using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Persistence;
using Focalizacion.Documents.Plantilla;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Focalizacion.Service.Web.Focalizaciones;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Ciclos;

/// <summary>
/// A region's focalización of a budget year (<c>/ciclos/{anio}/{region}/focalizacion</c>): the versions
/// of its preliminary and final with their automatic result and files, and, for the region's GORE while
/// the cycle waits for one, the template to download (<c>?handler=Plantilla</c>) and the form that
/// submits it through <see cref="FocalizacionActions.SubmitAsync"/>. A region the user does not see is
/// "no encontrado", as on the cycle's page.
/// </summary>
/// <remarks>
/// The upload's request is bounded (<see cref="MaxRequestBytes"/>) and read by the handler itself, so
/// that a request above the bound gets the page with a Spanish message instead of an error page; the
/// antiforgery token is checked right after the form is read, before anything else.
/// </remarks>
[Authorize(Policy = nameof(Capability.Leer))]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
internal sealed class FocalizacionModel(
    ApiDatabase database, EngineRuntime engine, IConformityValidator conformity, HolidayCalendar calendar, IAntiforgery antiforgery) : PageModel
{
    /// <summary>The whole upload's request: a workbook and an acta of at most <see cref="MaxFileBytes"/> each, and the form's fields.</summary>
    public const long MaxRequestBytes = 45L * 1024 * 1024;

    /// <summary>One file of the upload: the archive's bound.</summary>
    public const long MaxFileBytes = DocumentArchive.DefaultMaxBytes;

    public Region Region { get; private set; } = null!;

    public int Anio { get; private set; }

    public FocalizacionReading Reading { get; private set; } = null!;

    /// <summary>The stages the user may submit now: the region's GORE, while the cycle waits for them.</summary>
    public IReadOnlyList<Stage> Submittable { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    /// <summary>The workbook's problems, by sheet and cell, when an upload had some; and how many more were not listed.</summary>
    public IReadOnlyList<WorkbookProblem> Problems { get; private set; } = [];

    public int ProblemsNotListed { get; private set; }

    /// <summary>The stage whose form was sent (its errors are shown there).</summary>
    public Stage? Posted { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>
    /// The acta CORE the final's form carries, so the GORE does not choose the file again: the one uploaded
    /// with a refused attempt (kept in the archive) or the last final version's.
    /// </summary>
    public AttachedActa? Acta { get; private set; }

    /// <summary>Whether this refused request kept its acta (the only thing it stored).</summary>
    public bool ActaKept { get; private set; }

    public async Task<IActionResult> OnGetAsync(int anio, string region, long? enviada)
    {
        if (!await ShowAsync(anio, region))
        {
            return NotFound();
        }
        if (enviada is { } id && Reading.Versions.FirstOrDefault(v => v.Id == id) is { } sent)
        {
            Notice = $"Se recibió la focalización {FocalizacionText.Name(sent)}: {FocalizacionText.Result(sent)}.";
        }
        return Page();
    }

    /// <summary>The region's template of a stage, prefilled with the latest version of that stage when there is one.</summary>
    public async Task<IActionResult> OnGetPlantillaAsync(int anio, string region, string? etapa)
    {
        if (!await ShowAsync(anio, region) || FocalizacionVersions.StageOf(etapa) is not { } stage)
        {
            return NotFound();
        }
        var latest = Reading.Versions.LastOrDefault(v => v.Stage == stage);
        var content = TemplateWriter.Write(Region.IsoSuffix, Anio, stage, latest?.Content);
        return File(content, TemplateWriter.ContentType, FocalizacionText.FileName(Region.IsoSuffix, Anio, stage, latest?.Number));
    }

    /// <summary>A version's uploaded workbook (<c>tipo=planilla</c>) or acta CORE (<c>tipo=acta</c>) from the archive, as it was stored.</summary>
    public async Task<IActionResult> OnGetDocumentoAsync(int anio, string region, long version, string? tipo)
    {
        if (!await ShowAsync(anio, region) || Reading.Versions.FirstOrDefault(v => v.Id == version) is not { } found)
        {
            return NotFound();
        }
        var document = tipo switch { "planilla" => found.WorkbookId, "acta" => found.ActaId, _ => null };
        return document is { } id && await DocumentosApi.WriteAsync(id, HttpContext, database) ? new EmptyResult() : NotFound();
    }

    /// <remarks>
    /// No parameters: binding one would let model binding read the form first, with its own refusal
    /// (a bare 400) for a request over the bound; the route's values are read here instead.
    /// </remarks>
    public async Task<IActionResult> OnPostAsync()
    {
        var anio = int.Parse((string)RouteData.Values["anio"]!, System.Globalization.CultureInfo.InvariantCulture);
        var region = (string)RouteData.Values["region"]!;
        if (ChooseRegion(anio, region) is null)
        {
            return NotFound();
        }
        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
        {
            await ShowAsync(anio, region);
            // The body was not read: the stage is the one the form's address names, so the message goes to its field.
            Posted = FocalizacionVersions.StageOf(Request.Query["etapa"]);
            Errors.Add("planilla", $"el envío supera los {MaxRequestBytes / (1024 * 1024)} MB en total; cada archivo puede pesar hasta {MaxFileBytes / (1024 * 1024)} MB");
            return Refused(StatusCodes.Status413PayloadTooLarge);
        }
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }
        // The acta the form carries is read from the form below, not offered again from the archive.
        await ShowAsync(anio, region, offerLastActa: false);
        if (FocalizacionVersions.StageOf(form["etapa"]) is not { } stage)
        {
            return NotFound();
        }
        Posted = stage;
        var caller = Caller.Of(HttpContext);
        var workbook = form.Files.GetFile("planilla");
        var acta = stage == Stage.Final ? form.Files.GetFile("acta") : null;
        ArchivedDocument? kept = null;
        if (stage == Stage.Final && acta is not { Length: > 0 })
        {
            (kept, var keptError) = await AttachedActa.FromFormAsync(form, caller, Anio, Region.IsoSuffix, database, HttpContext.RequestAborted);
            if (keptError is not null)
            {
                Errors.Add("acta", keptError);
            }
            Acta = kept is null ? null : AttachedActa.Of(kept);
        }
        if (workbook is not { Length: > 0 })
        {
            Errors.Add("planilla", "elija el archivo XLSX de la focalización");
        }
        foreach (var (field, file) in new[] { ("planilla", workbook), ("acta", acta) })
        {
            if (file is { Length: > MaxFileBytes })
            {
                Errors.Add(field, $"«{file.FileName}» pesa {file.Length / (1024 * 1024)} MB; el máximo es {MaxFileBytes / (1024 * 1024)} MB");
            }
        }
        if (Errors.Count > 0)
        {
            await KeepActaAsync(caller, acta);
            return Refused(StatusCodes.Status400BadRequest);
        }
        await using var workbookStream = workbook!.OpenReadStream();
        await using var actaStream = acta is { Length: > 0 } ? acta.OpenReadStream() : null;
        var outcome = await FocalizacionActions.SubmitAsync(
            caller, Caller.Actor(HttpContext), Anio, Region.IsoSuffix, stage,
            new UploadedFile(workbook.FileName, workbookStream), actaStream is null ? null : new UploadedFile(acta!.FileName, actaStream),
            database, engine, calendar, conformity, HttpContext.RequestAborted, kept);
        if (outcome.Outcome.Done)
        {
            return Redirect($"{FocalizacionText.Path(Anio, Region.IsoSuffix)}?enviada={outcome.Version!.Id}");
        }
        if (outcome.Outcome.Status is ActionStatus.Forbidden)
        {
            return Forbid();
        }
        (Problems, ProblemsNotListed) = (outcome.Problems, outcome.ProblemsNotListed);
        Errors.Add(outcome.Outcome.Message!);
        if (outcome.Version is null)
        {
            await KeepActaAsync(caller, acta);
        }
        await ShowAsync(anio, region);
        return Refused(outcome.Outcome.Status is ActionStatus.BadInput ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Keeps the acta uploaded with a refused final (<see cref="FocalizacionActions.KeepActaAsync"/>), so that the
    /// form carries it and the corrected workbook needs no second choice of the file; its problem at its field when
    /// it is no PDF the archive keeps (unless the refusal already named one there).
    /// </summary>
    private async Task KeepActaAsync(User caller, IFormFile? acta)
    {
        if (acta is not { Length: > 0 and <= MaxFileBytes } || Errors.Has("acta"))
        {
            return;
        }
        await using var content = acta.OpenReadStream();
        var (archived, problem) = await FocalizacionActions.KeepActaAsync(
            caller, Caller.Actor(HttpContext), Anio, Region.IsoSuffix, new UploadedFile(acta.FileName, content), database, HttpContext.RequestAborted);
        if (archived is null)
        {
            Errors.Add(problem!);
            return;
        }
        (Acta, ActaKept) = (AttachedActa.Of(archived), true);
    }

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    private Region? ChooseRegion(int anio, string region)
    {
        if (CicloModel.VisibleRegion(HttpContext, anio, region) is not { } found)
        {
            return null;
        }
        (Region, Anio) = (found, anio);
        return found;
    }

    /// <summary>Reads the region-year's focalización for the page; <paramref name="offerLastActa"/>: with no acta on the form yet, offers the last final's.</summary>
    private async Task<bool> ShowAsync(int anio, string region, bool offerLastActa = true)
    {
        if (ChooseRegion(anio, region) is not { } found)
        {
            return false;
        }
        var caller = Caller.Of(HttpContext);
        Reading = await FocalizacionReading.ReadAsync(database, calendar, caller, found, anio, HttpContext.RequestAborted);
        Submittable = caller.May(Capability.RegistrarEventosGore)
            ? [.. Enum.GetValues<Stage>().Where(s => Reading.Awaits(FocalizacionActions.EventOf(s)))]
            : [];
        if (offerLastActa && Acta is null && Submittable.Contains(Stage.Final) && Reading.Versions.LastOrDefault(v => v.Stage == Stage.Final)?.ActaId is { } last)
        {
            // A new version after an ajuste keeps the last one's acta unless another file replaces it.
            var archived = await database.ReadAsync(caller, () => database.Archive.FindAsync(last, HttpContext.RequestAborted), HttpContext.RequestAborted);
            Acta = archived is null ? null : AttachedActa.Of(archived);
        }
        return true;
    }
}
