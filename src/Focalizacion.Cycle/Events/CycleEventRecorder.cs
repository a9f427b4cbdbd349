using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Handlers;
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
/// marked <see cref="CycleEventOutcome.BadInput"/>, and nothing changes. A final and a review then go
/// through the conformity port (<see cref="IConformityValidator"/>). A final's verdict travels as
/// <c>conforme</c>, always set: null when Sercotec must review it, so a verdict of an earlier version
/// (the ajuste loop) never skips the next review. A review must say <c>conforme</c>, and give a
/// <c>motivo</c> when it departs from the port's automatic verdict. The events that lead to an oficio
/// with observations (observaciones, a final, a review) always set <c>observaciones</c> (their own,
/// else the port's, else none), so an oficio never lists those of an earlier event.
/// </remarks>
public sealed class CycleEventRecorder(WorkflowInstances instances, IConformityValidator conformity)
{
    public Task<CycleEventOutcome> RecordAsync(string regionCode, int budgetYear, string eventName, JsonObject? data, Actor actor, CancellationToken cancellationToken = default) =>
        RecordAsync(regionCode, budgetYear, eventName, data, actor, [], cancellationToken);

    /// <summary>As above, committing <paramref name="alongside"/> with the event if, and only if, the cycle takes it (<see cref="StepSideWrite"/>).</summary>
    public async Task<CycleEventOutcome> RecordAsync(
        string regionCode, int budgetYear, string eventName, JsonObject? data, Actor actor, IReadOnlyList<StepSideWrite> alongside, CancellationToken cancellationToken = default)
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
        if (eventName is CycleEvent.FinalRecibida or CycleEvent.RevisionRegistrada)
        {
            var verdict = await conformity.ValidateAsync(new ConformitySubmission(region, budgetYear, eventName, (JsonObject)payload.DeepClone()), cancellationToken);
            if (!verdict.Success)
            {
                return CycleEventOutcome.Rejected(verdict.Error);
            }
            if (eventName == CycleEvent.FinalRecibida)
            {
                payload[DeclaredConformity.Field] = verdict.Value.Conforme;
            }
            else if (Review(payload, verdict.Value) is { } refusal)
            {
                return CycleEventOutcome.Rejected(refusal);
            }
            payload[CycleVariables.ObservationsName] ??= new JsonArray([.. verdict.Value.Observations.Select(o => (JsonNode)o)]);
        }
        else if (cycleEvent.Data.Contains(EventField.Observations))
        {
            payload[CycleVariables.ObservationsName] ??= new JsonArray();
        }
        return CycleEventOutcome.Of(await instances.SendMessageAsync(ShippedWorkflow.ProcessKey, CycleKey.For(region, budgetYear), eventName, payload, actor,
            $"no hay una instancia en curso de la región {region.IsoSuffix} para el año presupuestario {budgetYear}", alongside, cancellationToken));
    }

    /// <summary>Why a review cannot be taken as it is, or null: it says its verdict, and why when it overrides the automatic one.</summary>
    private static string? Review(JsonObject payload, ConformityVerdict automatic)
    {
        if (DeclaredConformity.Declared(payload) is not { } reviewed)
        {
            return $"datos.{DeclaredConformity.Field}: falta; indique si la focalización final cumple los requisitos (true o false)";
        }
        if (automatic.Conforme is { } expected && expected != reviewed && !payload.ContainsKey(DeclaredConformity.ReasonField))
        {
            return $"datos.{DeclaredConformity.ReasonField}: falta; la revisión la declara {Verdict(reviewed)} y el resultado automático fue {Verdict(expected)}: escriba el motivo";
        }
        return null;
    }

    private static string Verdict(bool conforme) => conforme ? "«conforme»" : "«no conforme»";
}
