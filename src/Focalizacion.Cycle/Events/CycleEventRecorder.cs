using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Plan;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Instances;

namespace Focalizacion.Cycle.Events;

/// <summary>
/// Records a cycle event for a region and budget year and hands it to that region's cycle (the
/// instance of the cycle's process with its key, never another workflow's with the same key): the
/// one entry point for documents and records, whoever sends them (operator, API, simulation).
/// </summary>
/// <remarks>
/// A final goes through the conformity port first; its verdict travels as <c>conforme</c>, which
/// the workflow's decision reads. An unknown event or region is refused before anything changes.
/// </remarks>
public sealed class CycleEventRecorder(WorkflowInstances instances, IConformityValidator conformity)
{
    public async Task<StepOutcome> RecordAsync(string regionCode, int budgetYear, string eventName, JsonObject? data, Actor actor, CancellationToken cancellationToken = default)
    {
        var region = RegionRegistry.Find(regionCode);
        if (region is null)
        {
            return Refused($"región desconocida «{regionCode}»");
        }
        if (CycleEvent.Find(eventName) is null)
        {
            return Refused($"evento desconocido «{eventName}»; los eventos del ciclo son: {CycleEvent.KnownNames}");
        }
        var payload = data is null ? new JsonObject() : (JsonObject)data.DeepClone();
        if (eventName == CycleEvent.FinalRecibida)
        {
            var verdict = conformity.Validate(payload);
            if (!verdict.Success)
            {
                return Refused(verdict.Error);
            }
            payload[DeclaredConformity.Field] = verdict.Value;
        }
        return await instances.SendMessageAsync(ShippedWorkflow.ProcessKey, CycleKey.For(region, budgetYear), eventName, payload, actor,
            $"no hay una instancia en curso de la región {region.IsoSuffix} para el año presupuestario {budgetYear}", cancellationToken);
    }

    private static StepOutcome Refused(string reason) => new(Guid.Empty, false, reason);
}
