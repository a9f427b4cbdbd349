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
/// The event's data is checked against what the event declares it takes (<see cref="CycleEvent.Data"/>)
/// before anything is looked up: a field it does not take (the instance's <c>region</c>, a
/// <c>registrado_*</c> flag) or a value it refuses (an amount in words) is a refusal naming the field,
/// marked <see cref="CycleEventOutcome.BadInput"/>, and nothing changes. A final then goes through the
/// conformity port; its verdict travels as <c>conforme</c>, which the workflow's decision reads.
/// </remarks>
public sealed class CycleEventRecorder(WorkflowInstances instances, IConformityValidator conformity)
{
    public async Task<CycleEventOutcome> RecordAsync(string regionCode, int budgetYear, string eventName, JsonObject? data, Actor actor, CancellationToken cancellationToken = default)
    {
        var region = RegionRegistry.Find(regionCode);
        if (region is null)
        {
            return CycleEventOutcome.Rejected($"región desconocida «{regionCode}»");
        }
        if (CycleEvent.Find(eventName) is not { } cycleEvent)
        {
            return CycleEventOutcome.Rejected($"evento desconocido «{eventName}»; los eventos del ciclo son: {CycleEvent.KnownNames}");
        }
        if (cycleEvent.CheckData(data) is { } problem)
        {
            return CycleEventOutcome.Rejected(problem);
        }
        var payload = data is null ? new JsonObject() : (JsonObject)data.DeepClone();
        if (eventName == CycleEvent.FinalRecibida)
        {
            var verdict = conformity.Validate(payload);
            if (!verdict.Success)
            {
                return CycleEventOutcome.Rejected(verdict.Error);
            }
            payload[DeclaredConformity.Field] = verdict.Value;
        }
        return CycleEventOutcome.Of(await instances.SendMessageAsync(ShippedWorkflow.ProcessKey, CycleKey.For(region, budgetYear), eventName, payload, actor,
            $"no hay una instancia en curso de la región {region.IsoSuffix} para el año presupuestario {budgetYear}", cancellationToken));
    }
}
