using Focalizacion.Access;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Documents.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>
/// One oficio (<c>/oficios/{clave}</c>): its message as sent, its recipients, its delivery record,
/// its PDF (<c>?handler=Pdf</c>), the focalización it states applies with the workbook it attached
/// (the fallback's oficio; <c>?handler=Adjunto</c>), and its DocDigital folio and number, which the
/// Oficina de Partes enters here (<c>POST ?handler=DocDigital</c>).
/// </summary>
[Authorize(Policy = nameof(Capability.Leer))]
internal sealed class OficioModel(ApiDatabase database) : PageModel
{
    public MailRecord Oficio { get; private set; } = null!;

    public Region Region { get; private set; } = null!;

    /// <summary>The focalización version the oficio states applies, and the workbook it attached; null for an oficio that states none.</summary>
    public (FocalizacionVersion Version, ArchivedDocument? Workbook)? Applied { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? Notice { get; private set; }

    /// <summary>What was typed, shown again when it was refused.</summary>
    public (string? Folio, string? Numero) Form { get; private set; }

    public bool MayEnterDocDigital => Caller.Of(HttpContext).May(Capability.RegistrarDocDigital);

    public async Task<IActionResult> OnGetAsync(string? clave) => await FindAsync(clave) ? Page() : NotFound();

    /// <summary>The PDF as it was attached and archived; not found as the page is.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string? clave) =>
        await FindAsync(clave) && Oficio.DocumentId is { } document && await DocumentosApi.WriteAsync(document, HttpContext, database)
            ? new EmptyResult()
            : NotFound();

    /// <summary>The focalización's workbook the oficio attached, from the archive as it was stored; not found as the page is.</summary>
    public async Task<IActionResult> OnGetAdjuntoAsync(string? clave) =>
        await FindAsync(clave) && Applied?.Workbook is { } workbook && await DocumentosApi.WriteAsync(workbook.Id, HttpContext, database)
            ? new EmptyResult()
            : NotFound();

    public async Task<IActionResult> OnPostDocDigitalAsync(string? clave, string? folio, string? numero)
    {
        if (!await FindAsync(clave))
        {
            return NotFound();
        }
        var outcome = await CycleActions.RecordDocDigitalAsync(Caller.Of(HttpContext), Caller.Actor(HttpContext), database, Oficio.IdempotencyKey, folio, numero, HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case ActionStatus.Done:
                await FindAsync(clave);
                Notice = $"Se registró DocDigital: {Web.Cycle.CycleView.DocDigital(Oficio)}.";
                break;
            case ActionStatus.Forbidden:
                return Forbid();
            case ActionStatus.NotFound:
                return NotFound();
            default:
                Errors.Add(outcome.Message!);
                Form = (folio ?? "", numero ?? "");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
        return Page();
    }

    /// <summary>Reads the oficio; another region's is not found, as an unknown one: its existence is not revealed.</summary>
    private async Task<bool> FindAsync(string? clave)
    {
        if (clave is not { Length: > 0 } || await CycleActions.OficioAsync(Caller.Of(HttpContext), database, Uri.UnescapeDataString(clave), HttpContext.RequestAborted) is not { } oficio)
        {
            return false;
        }
        (Oficio, Region) = (oficio, RegionRegistry.ByIsoSuffix(oficio.Region));
        if (oficio.AppliedVersionId is { } applied)
        {
            Applied = await database.ReadAsync(Caller.Of(HttpContext), async () =>
                await database.Focalizaciones.FindAsync(applied, HttpContext.RequestAborted) is { } version
                    ? (version, version.WorkbookId is { } workbook ? await database.Archive.FindAsync(workbook, HttpContext.RequestAborted) : null)
                    : ((FocalizacionVersion, ArchivedDocument?)?)null, HttpContext.RequestAborted);
        }
        return true;
    }
}
