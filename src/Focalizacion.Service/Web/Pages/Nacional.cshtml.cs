using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Cycle.Starting;
using Focalizacion.Documents.Nacional;
using Focalizacion.Documents.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>
/// The national focalización of a budget year (<c>/focalizacion/nacional?anio=</c>), for Sercotec's
/// Plan de Ejecución: per region the focalización that applies and its origin, its totals per
/// instrument, and the national export as XLSX or CSV (<see cref="NationalExport"/>). Only for the
/// roles that see every region: a regional role would see a partial country.
/// </summary>
[Authorize(Policy = nameof(Capability.Leer))]
internal sealed class NacionalModel(ApiDatabase database) : PageModel
{
    public int Anio { get; private set; }

    /// <summary>The 16 regions with what applies to each.</summary>
    public IReadOnlyList<RegionalFocalizacion> Regions { get; private set; } = [];

    /// <summary>The version that applies to each region, by region, for the links to its page.</summary>
    public IReadOnlyDictionary<string, FocalizacionVersion> Versions { get; private set; } = new Dictionary<string, FocalizacionVersion>();

    /// <summary>Who sees this page: whoever may export every region's focalización (the API's rule too).</summary>
    public static bool Shows(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.May(Capability.ExportarFocalizacionNacional);
    }

    public Task<IActionResult> OnGetAsync(int? anio) => ShowAsync(anio, null);

    public Task<IActionResult> OnGetXlsxAsync(int? anio) => ShowAsync(anio, "xlsx");

    public Task<IActionResult> OnGetCsvAsync(int? anio) => ShowAsync(anio, "csv");

    private async Task<IActionResult> ShowAsync(int? anio, string? format)
    {
        var caller = Caller.Of(HttpContext);
        if (!Shows(caller))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Anio = anio ?? CycleStarter.BudgetYearInProgress(database.Clock.GetCurrentInstant());
        if (!IndexModel.Years.Contains(Anio))
        {
            return NotFound();
        }
        var applicable = await database.ReadAsync(caller, () => database.Focalizaciones.ApplicableAsync(Anio, HttpContext.RequestAborted), HttpContext.RequestAborted);
        Regions = NationalRegions.Of(applicable);
        Versions = applicable.Where(a => a.Version is not null).ToDictionary(a => a.Region, a => a.Version!);
        return format switch
        {
            "xlsx" => File(NationalExport.ToXlsx(Anio, Regions), NationalExport.XlsxContentType, $"focalizacion-nacional-{Anio}.xlsx"),
            "csv" => File(NationalExport.ToCsv(Anio, Regions), NationalExport.CsvContentType, $"focalizacion-nacional-{Anio}.csv"),
            _ => Page(),
        };
    }
}
