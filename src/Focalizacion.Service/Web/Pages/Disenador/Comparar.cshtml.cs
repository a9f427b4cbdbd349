using Focalizacion.Access;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Disenador;

/// <summary>
/// Two versions side by side (<c>/disenador/comparar?a=&amp;b=</c>): the diagrams coloured by
/// bpmn-js-differ and by the engine's own comparison (added, removed, changed elements), and the
/// list of every setting that changes from <c>a</c> to <c>b</c> (<see cref="DefinitionDiff"/>).
/// </summary>
[Authorize(Policy = nameof(Capability.AdministrarDefiniciones))]
internal sealed class CompararModel(ApiDatabase database) : PageModel
{
    public DefinitionRow Before { get; private set; } = null!;

    public DefinitionRow After { get; private set; } = null!;

    public DefinitionDiff Diff { get; private set; } = null!;

    /// <summary>How a page names a stored definition: "ciclo versión 2", "ciclo, borrador 14".</summary>
    public static string Name(DefinitionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Version is { } version ? $"{row.ProcessKey} versión {version}" : $"{row.ProcessKey}, borrador {row.Id}";
    }

    public async Task<IActionResult> OnGetAsync(long? a, long? b)
    {
        if (a is not { } beforeId || b is not { } afterId)
        {
            return NotFound();
        }
        var cancellation = HttpContext.RequestAborted;
        var found = await database.ReadAsync<(DefinitionRow Before, DefinitionRow After, DefinitionDiff Diff)?>(Caller.Of(HttpContext), async () =>
        {
            var definitions = database.Runtime.Definitions;
            var (before, after) = (await definitions.FindAsync(beforeId, cancellation), await definitions.FindAsync(afterId, cancellation));
            return before is null || after is null
                ? null
                : (before, after, DefinitionDiff.Between(await definitions.ParsedAsync(before.Id, cancellation), await definitions.ParsedAsync(after.Id, cancellation)));
        }, cancellation);
        if (found is not { } comparison)
        {
            return NotFound();
        }
        (Before, After, Diff) = comparison;
        return Page();
    }
}
