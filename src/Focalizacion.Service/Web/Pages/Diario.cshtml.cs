using System.Globalization;
using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Calendar.Regions;
using Focalizacion.Engine.Execution;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Focalizacion.Service.Web.Exports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>
/// The journal (<c>/diario</c>) and one cycle's (<c>/ciclos/{anio}/{region}/diario</c>), newest first,
/// keyset-paged by line id, filtered as the API's journals are plus free text, and as CSV (every
/// matching line up to <see cref="ExportCap"/>). Whoever may read the whole journal
/// (<see cref="Capability.LeerDiarioCompleto"/>) sees all of it; anyone else only the lines of the
/// regions they see, which row-level security enforces and the page says.
/// </summary>
[Authorize(Policy = nameof(Capability.Leer))]
internal sealed class DiarioModel(ApiDatabase database) : PageModel
{
    /// <summary>The most lines one CSV export holds.</summary>
    public const int ExportCap = 100_000;

    /// <summary>The filters' names as the page labels them, for the messages about them.</summary>
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["region"] = "Región",
        ["anio"] = "Año presupuestario",
        ["actor"] = "Actor",
        ["tipo"] = "Tipo",
        ["desde"] = "Desde",
        ["hasta"] = "Hasta",
        ["texto"] = "Texto",
        ["antesDe"] = "Página",
        ["despuesDe"] = "Página",
    };

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Anio { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tipo { get; set; }
    [BindProperty(SupportsGet = true)] public string? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public string? Hasta { get; set; }
    [BindProperty(SupportsGet = true)] public string? Texto { get; set; }
    [BindProperty(SupportsGet = true)] public string? AntesDe { get; set; }
    [BindProperty(SupportsGet = true)] public string? DespuesDe { get; set; }

    /// <summary>The cycle whose journal this is (the path names it); null for the whole journal.</summary>
    public Region? Cycle { get; private set; }

    public int? CycleYear { get; private set; }

    /// <summary>The user reads the whole journal; otherwise only their regions' lines.</summary>
    public bool Whole { get; private set; }

    /// <summary>The regions the user sees, for the filter.</summary>
    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public JournalQuery.JournalPage? Lines { get; private set; }

    public List<string> Problems { get; } = [];

    /// <summary>The kinds of line, for the filter.</summary>
    public static IEnumerable<string> Kinds => Enum.GetValues<JournalKind>().Select(k => k.Text());

    public static IEnumerable<int> Years => IndexModel.Years;

    public string Path => Cycle is null ? "/diario" : $"/ciclos/{CycleYear}/{Cycle.IsoSuffix}/diario";

    public Task<IActionResult> OnGetAsync() => ShowAsync(csv: false);

    public Task<IActionResult> OnGetCsvAsync() => ShowAsync(csv: true);

    /// <summary>This page's address with the filters, and a cursor or handler.</summary>
    public string Link(string? handler = null, long? antesDe = null, long? despuesDe = null) =>
        Path + QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("handler", handler),
            new("region", Cycle is null ? Region : null), new("anio", Cycle is null ? Anio : null),
            new("actor", Actor), new("tipo", Tipo), new("desde", Desde), new("hasta", Hasta), new("texto", Texto),
            new("antesDe", antesDe?.ToString(CultureInfo.InvariantCulture)), new("despuesDe", despuesDe?.ToString(CultureInfo.InvariantCulture)),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();

    private async Task<IActionResult> ShowAsync(bool csv)
    {
        var caller = Caller.Of(HttpContext);
        Whole = caller.May(Capability.LeerDiarioCompleto);
        Regions = [.. RegionRegistry.All.Where(r => caller.Sees(r.IsoSuffix))];
        Region? region = null;
        int? year = null;
        if (RouteData.Values.ContainsKey("region"))
        {
            // One cycle's journal: a region the user does not see does not exist for them.
            var (found, notVisible) = ApiArguments.VisibleRegion(Region ?? "", caller);
            if (notVisible is not null || !int.TryParse(Anio, CultureInfo.InvariantCulture, out var cycleYear) || ApiArguments.BudgetYear(cycleYear) is not null)
            {
                return NotFound();
            }
            (Cycle, CycleYear, region, year) = (found, cycleYear, found, cycleYear);
        }
        else
        {
            (region, year) = WholeFilters(caller);
        }
        var antesDe = Cursor(AntesDe, "antesDe");
        var despuesDe = Cursor(DespuesDe, "despuesDe");
        if (Tipo is { Length: > 0 } && !Kinds.Contains(Tipo))
        {
            Problems.Add($"Tipo: «{Tipo}» no es un tipo de línea del diario.");
        }
        var (query, problem) = JournalQuery.From(Tipo, Actor, Desde, Hasta, antesDe, null, region, year, Texto, despuesDe);
        if (problem?.ProblemDetails.Detail is { } detail)
        {
            Problems.Add(Worded(detail));
        }
        if (Problems.Count > 0)
        {
            return Page();
        }
        if (csv)
        {
            var all = query! with { Limite = ExportCap, AntesDe = null, DespuesDe = null };
            var lines = await database.ReadAsync(caller, () => all.ReadAsync(database.Store, HttpContext.RequestAborted), HttpContext.RequestAborted);
            return File(Table(lines.Lineas).ToCsv(), ExportTable.CsvType, Cycle is null ? "diario.csv" : $"diario-{CycleYear}-{Cycle.IsoSuffix}.csv");
        }
        Lines = await database.ReadAsync(caller, () => query!.ReadAsync(database.Store, HttpContext.RequestAborted), HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The whole journal's region and year filters; a region the user does not see is said so.</summary>
    private (Region? Region, int? Year) WholeFilters(User caller)
    {
        var (region, badRegion) = ApiArguments.FilterRegion(Region);
        if (badRegion?.ProblemDetails.Detail is { } regionProblem)
        {
            Problems.Add(Worded(regionProblem));
        }
        else if (region is not null && !caller.Sees(region.IsoSuffix))
        {
            Problems.Add($"Región: usted no ve la {region.OfficialName}.");
            region = null;
        }
        int? year = null;
        if (Anio is { Length: > 0 })
        {
            if (!int.TryParse(Anio, CultureInfo.InvariantCulture, out var given))
            {
                Problems.Add($"Año presupuestario: «{Anio}» no es un número.");
            }
            else if (ApiArguments.FilterBudgetYear(given)?.ProblemDetails.Detail is { } yearProblem)
            {
                Problems.Add(Worded(yearProblem));
            }
            else
            {
                year = given;
            }
        }
        return (region, year);
    }

    private long? Cursor(string? text, string field)
    {
        if (text is not { Length: > 0 })
        {
            return null;
        }
        if (long.TryParse(text, CultureInfo.InvariantCulture, out var cursor))
        {
            return cursor;
        }
        Problems.Add($"{Labels[field]}: «{text}» no es una página del diario; vuelva a la primera.");
        return null;
    }

    /// <summary>"desde: «x» no es una fecha" as the page names the filter: "Desde: «x» no es una fecha.".</summary>
    private static string Worded(string detail)
    {
        var colon = detail.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && Labels.TryGetValue(detail[..colon], out var label) ? $"{label}: {detail[(colon + 2)..]}." : detail + ".";
    }

    /// <summary>The journal's lines as the page shows them.</summary>
    public static ExportTable Table(IReadOnlyList<JournalQuery.JournalLine> lines) => new(
        "Diario",
        ["Línea", "Fecha y hora", "Región", "Quién", "Tipo", "Actividad", "Evento", "Detalle"],
        [.. lines.Select(l => (IReadOnlyList<string>)[
            l.Id.ToString(CultureInfo.InvariantCulture), When(l), l.Region ?? "", Who(l), l.Tipo, l.Actividad ?? "", l.Evento ?? "", l.Detalle])]);

    public static string When(JournalQuery.JournalLine line) => WebText.ShortMoment(line.At.ToInstant(), line.At.Zone);

    public static string Who(JournalQuery.JournalLine line) => WebText.Who(line.Actor.Nombre, line.Actor.Via, line.Actor.Rol, line.Actor.Region);
}
