using System.Text.Json.Nodes;
using Focalizacion.Cycle.Events;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime.Handlers;
using NodaTime;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// "registrar-resultado": records how the region's cycle ended (<c>foc:resultado</c>), once per
/// idempotency key, so next year's cycle can tell whether there is a focalización to fall back on.
/// </summary>
public sealed class RegistrarResultadoHandler(CycleRecords records, IClock clock) : IEffectHandler
{
    public string Name => "registrar-resultado";

    /// <summary>Which outcome the task records.</summary>
    public static SettingSpec Outcome { get; } = new("resultado", "el resultado del ciclo que registra la tarea") { Required = true, Allowed = CycleOutcomes.All };

    public IReadOnlyList<SettingSpec> Settings { get; } = [Outcome];

    /// <summary>The variable the task leaves with the outcome it recorded (the oficio that follows reads it).</summary>
    public const string OutputName = "resultado";

    public async Task<JsonObject?> HandleAsync(EffectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = request.Settings.GetValueOrDefault(Outcome.Name)
            ?? throw new CycleException("La tarea no indica foc:resultado (focalizacion-final, focalizacion-anterior o definicion-sercotec).");
        var variables = CycleVariables.From(request.Variables);
        // A final's outcome names the version it applies (the last one the GORE sent, which the review passed).
        var version = outcome == CycleOutcomes.Final && request.Variables[DeclaredConformity.DocumentField] is JsonValue sent ? sent.GetValue<long>() : (long?)null;
        await records.InsertOutcomeAsync(variables.Region.IsoSuffix, variables.BudgetYear, outcome, clock.GetCurrentInstant(), "flujo",
            request.Key, request.InstanceId, cancellationToken, version);
        return new JsonObject { [OutputName] = outcome };
    }
}
