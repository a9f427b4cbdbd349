using Focalizacion.Access;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Starting;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Focalizacion.Service.Web.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>
/// The board (<c>/</c>): for a budget year, the regions the user sees × the cycle's milestones, each
/// cell's state in words; counts per state; filters by state and milestone; the same as CSV or XLSX.
/// </summary>
[Authorize(Policy = nameof(Capability.Leer))]
internal sealed class IndexModel(ApiDatabase database, HolidayCalendar calendar) : PageModel
{
    public Board.Board Board { get; private set; } = null!;

    public int Anio { get; private set; }

    public string? Hito { get; private set; }

    public MilestoneState? EstadoFiltro { get; private set; }

    /// <summary>The budget years the selector offers: those the calendar covers.</summary>
    public static IEnumerable<int> Years => Enumerable.Range(HolidayCalendar.FirstYear + 1, HolidayCalendar.LastYear - HolidayCalendar.FirstYear);

    /// <summary>Every milestone the year's versions name, for the filter (the board's columns may be filtered to one).</summary>
    public IReadOnlyList<Focalizacion.Calendar.Cycle.CycleMilestone> AllMilestones { get; private set; } = [];

    /// <summary>A problem with the filters, in words; the board shows the defaults then.</summary>
    public List<string> Problems { get; } = [];

    public Task<IActionResult> OnGetAsync(int? anio, string? hito, string? estado) => ShowAsync(anio, hito, estado, null);

    public Task<IActionResult> OnGetCsvAsync(int? anio, string? hito, string? estado) => ShowAsync(anio, hito, estado, "csv");

    public Task<IActionResult> OnGetXlsxAsync(int? anio, string? hito, string? estado) => ShowAsync(anio, hito, estado, "xlsx");

    /// <summary>The query string of these filters (for the export links).</summary>
    public string Query(string handler) =>
        QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("handler", handler),
            new("anio", Anio.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("hito", Hito),
            new("estado", EstadoFiltro is { } s ? MilestoneSituation.Key(s) : null),
        }.Where(p => p.Value is not null)).ToString();

    private async Task<IActionResult> ShowAsync(int? anio, string? hito, string? estado, string? format)
    {
        var now = database.Clock.GetCurrentInstant();
        Anio = CycleStarter.BudgetYearInProgress(now);
        if (anio is { } asked)
        {
            if (asked < HolidayCalendar.FirstYear + 1 || asked > HolidayCalendar.LastYear)
            {
                Problems.Add($"Año presupuestario: {asked} está fuera del calendario ({HolidayCalendar.FirstYear + 1}–{HolidayCalendar.LastYear}); se muestra {Anio}.");
            }
            else
            {
                Anio = asked;
            }
        }
        if (estado is { Length: > 0 })
        {
            EstadoFiltro = MilestoneSituation.FromKey(estado);
            if (EstadoFiltro is null)
            {
                Problems.Add($"Estado: «{estado}» no es un estado; los estados son: {string.Join(", ", MilestoneSituation.States.Select(MilestoneSituation.Name))}.");
            }
        }
        var caller = Caller.Of(HttpContext);
        var visible = RegionRegistry.All.Where(r => caller.Sees(r.IsoSuffix)).ToList();
        var standings = await database.ReadAsync(caller, () => new CycleStandings(database.Runtime, calendar).ReadAsync(visible, Anio, HttpContext.RequestAborted), HttpContext.RequestAborted);
        AllMilestones = [.. standings.SelectMany(s => s.Milestones.Select(m => m.Milestone)).DistinctBy(m => m.Key)];
        if (hito is { Length: > 0 })
        {
            if (AllMilestones.Any(m => m.Key == hito))
            {
                Hito = hito;
            }
            else
            {
                Problems.Add($"Hito: «{hito}» no es un hito del ciclo {Anio}; los hitos son: {string.Join(", ", AllMilestones.Select(m => m.Name))}.");
            }
        }
        Board = Web.Board.Board.Of(Anio, standings, now, calendar, Hito, EstadoFiltro);
        return format switch
        {
            "csv" => File(Board.ToTable().ToCsv(), ExportTable.CsvType, $"tablero-{Anio}.csv"),
            "xlsx" => File(Board.ToTable().ToXlsx(), ExportTable.XlsxType, $"tablero-{Anio}.xlsx"),
            _ => Page(),
        };
    }
}
