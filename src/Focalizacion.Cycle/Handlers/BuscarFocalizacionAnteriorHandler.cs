using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime.Handlers;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// "buscar-focalizacion-anterior": whether the region has a focalización for the previous budget
/// year (its final, or one itself carried over), which decides the fallback after 30 December:
/// apply it, or Sercotec focalizes by its internal definitions. Read-only, so retries are harmless.
/// </summary>
public sealed class BuscarFocalizacionAnteriorHandler(CycleRecords records) : IEffectHandler
{
    public string Name => "buscar-focalizacion-anterior";

    public IReadOnlyList<SettingSpec> Settings { get; } = [];

    public async Task<JsonObject?> HandleAsync(EffectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var variables = CycleVariables.From(request.Variables);
        var found = await records.HasFocalizacionAsync(variables.Region.IsoSuffix, variables.BudgetYear - 1, cancellationToken);
        return new JsonObject { [CycleVariables.PreviousFocalizacionName] = found };
    }
}
