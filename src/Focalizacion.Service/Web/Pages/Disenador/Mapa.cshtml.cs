using Focalizacion.Access;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Disenador;

/// <summary>
/// A version's live instances on its diagram (<c>/disenador/mapa/{id}?anio=</c>): per node how many
/// instances of the budget year wait there, per flow how many passed it (<see cref="VersionMaps"/>),
/// as overlays; clicking a node lists the regions waiting there, each linking to its cycle page.
/// </summary>
[Authorize(Policy = nameof(Capability.AdministrarDefiniciones))]
internal sealed class MapaModel(ApiDatabase database) : PageModel
{
    public DefinitionRow Definition { get; private set; } = null!;

    public VersionMap Map { get; private set; } = null!;

    /// <summary>The budget year shown; null: every year.</summary>
    public int? Anio { get; private set; }

    /// <summary>How the version names each node ("Esperar los montos (EsperaMontos)").</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    /// <summary>The waiting instances' places, by node, in the map's order.</summary>
    public IReadOnlyList<(string Node, IReadOnlyList<CyclePlace> Places)> Waiting { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, int? anio)
    {
        if (anio is { } year && ApiArguments.FilterBudgetYear(year) is not null)
        {
            return NotFound();
        }
        var cancellation = HttpContext.RequestAborted;
        var found = await database.ReadAsync<(DefinitionRow Row, VersionMap Map, WorkflowDefinition Parsed)?>(Caller.Of(HttpContext), async () =>
            await database.Runtime.Definitions.FindAsync(id, cancellation) is { } row
                ? (row, await database.Runtime.Maps.MapAsync(id, key => anio is null || VersionesApi.Place(key)?.Year == anio, cancellation),
                    await database.Runtime.Definitions.ParsedAsync(id, cancellation))
                : null, cancellation);
        if (found is not { } shown)
        {
            return NotFound();
        }
        (Definition, Map, Anio) = (shown.Row, shown.Map, anio);
        Labels = shown.Parsed.Nodes.ToDictionary(n => n.Key, n => n.Value.Label, StringComparer.Ordinal);
        Waiting = [.. Map.Waiting.OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => (w.Key, (IReadOnlyList<CyclePlace>)[.. w.Value.Select(VersionesApi.Place).OfType<CyclePlace>().OrderBy(p => p.Name, StringComparer.Ordinal)]))];
        return Page();
    }
}
