using Focalizacion.Access;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Documents.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Focalizacion.Service.Web.Cycle;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Ciclos;

/// <summary>
/// One region's cycle (<c>/ciclos/{anio}/{region}</c>): its status and outcome, the milestones as a
/// timeline, every oficio and email with its text as sent, skipped notices, open incidents and the
/// workflow diagram (<c>?handler=Diagrama</c>: the BPMN file the instance is pinned to). A region
/// the user does not see is "no encontrado", as one that does not exist.
/// </summary>
[Authorize(Policy = nameof(Capability.Leer))]
internal sealed class CicloModel(ApiDatabase database, HolidayCalendar calendar) : PageModel
{
    public Region Region { get; private set; } = null!;

    public int Anio { get; private set; }

    public CycleView View { get; private set; } = null!;

    /// <summary>The focalización version the cycle's outcome applies (its final, or the previous year's); null when none does.</summary>
    public FocalizacionVersion? Applied { get; private set; }

    public async Task<IActionResult> OnGetAsync(int anio, string region)
    {
        if (VisibleRegion(HttpContext, anio, region) is not { } found)
        {
            return NotFound();
        }
        (Region, Anio) = (found, anio);
        View = await CycleView.ReadAsync(database, calendar, Caller.Of(HttpContext), found, anio, HttpContext.RequestAborted);
        if (View.Standing.Outcome?.VersionId is { } applied)
        {
            Applied = await database.ReadAsync(Caller.Of(HttpContext), () => database.Focalizaciones.FindAsync(applied, HttpContext.RequestAborted), HttpContext.RequestAborted);
        }
        return Page();
    }

    /// <summary>The BPMN file of the definition the region's instance runs on, for the diagram (a GORE may not read the definitions' API).</summary>
    public async Task<IActionResult> OnGetDiagramaAsync(int anio, string region)
    {
        if (VisibleRegion(HttpContext, anio, region) is not { } found)
        {
            return NotFound();
        }
        return await CycleView.PinnedDefinitionAsync(database, calendar, Caller.Of(HttpContext), found, anio, HttpContext.RequestAborted) is { } xml
            ? File(xml, "application/xml")
            : NotFound();
    }

    /// <summary>The region of a cycle page's path when the caller sees it and the year is one the service keeps; null (so "no encontrado") otherwise.</summary>
    public static Region? VisibleRegion(HttpContext context, int anio, string region)
    {
        var (found, problem) = ApiArguments.VisibleRegion(region, Caller.Of(context));
        return problem is null && ApiArguments.BudgetYear(anio) is null ? found : null;
    }
}
