using System.Text.Json.Nodes;
using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Oficios;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Focalizacion.Service.Api;

/// <summary>How an action asked through the API or a page ended.</summary>
internal enum ActionStatus
{
    Done,
    BadInput,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>
/// What recording an event or resolving an incident did, in Spanish: the same words for the API (as
/// problem details) and for the pages (as a notice), since both go through <see cref="CycleActions"/>.
/// </summary>
/// <param name="Status">Done, or why not.</param>
/// <param name="Message">The refusal ("campo: detalle" for bad input); null when done.</param>
/// <param name="InstanceId">The cycle's instance it touched, when it was done.</param>
internal sealed record ActionOutcome(ActionStatus Status, string? Message, Guid? InstanceId = null)
{
    public bool Done => Status == ActionStatus.Done;

    /// <summary>The field a bad input names (<c>datos.montos.Crece</c>), and its detail.</summary>
    public (string Field, string Detail) Problem => ApiProblems.Split(Message ?? "");

    public static ActionOutcome Refused(ActionStatus status, string message) => new(status, message);

    /// <summary>The API's answer to a refusal.</summary>
    public ProblemHttpResult ToProblem() => Status switch
    {
        ActionStatus.BadInput => ApiProblems.BadRequest(Message!),
        ActionStatus.Forbidden => ApiProblems.Forbidden(Message!),
        ActionStatus.NotFound => ApiProblems.NotFound(Message!),
        _ => ApiProblems.Conflict(Message!),
    };
}

/// <summary>
/// The one home of what the API and the pages do to a cycle: record one of its events (who may, for
/// which region and year, with which data), retry or skip an incident, and read the oficios a caller may see.
/// </summary>
internal static class CycleActions
{
    /// <summary>
    /// Whether <paramref name="caller"/> may record events for <paramref name="regionCode"/> in
    /// <paramref name="budgetYear"/> at all; null when so. Checked before the body is read.
    /// </summary>
    public static ActionOutcome? Admits(User caller, int budgetYear, string regionCode)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // A role that records no event is refused as such, whatever the region and body.
        if (!CycleEvent.All.Any(e => caller.May(e.RecordedWith)))
        {
            return ActionOutcome.Refused(ActionStatus.Forbidden,
                $"su rol ({caller.Role.Name}) no registra eventos del ciclo; los registran: {string.Join(", ", CycleEvent.All.SelectMany(e => AccessPolicy.RolesThatMay(e.RecordedWith)).Distinct())}");
        }
        var (_, problem) = ApiArguments.VisibleRegion(regionCode, caller);
        return (problem ?? ApiArguments.BudgetYear(budgetYear)) is { } bad ? Refused(bad) : null;
    }

    /// <summary>The events <paramref name="caller"/> may record, in the cycle's order.</summary>
    public static IReadOnlyList<CycleEvent> EventsFor(User caller) => [.. CycleEvent.All.Where(e => caller.May(e.RecordedWith))];

    /// <summary>
    /// Records <paramref name="body"/>'s event for a region and budget year as <paramref name="actor"/>: the
    /// caller's checks, the body's, then the recorder (which refuses, in words, what the cycle does not wait for),
    /// judging finals and reviews with <paramref name="conformity"/> (the service's, from its services);
    /// <paramref name="alongside"/> commits with the event if, and only if, the cycle takes it (<see cref="StepSideWrite"/>).
    /// </summary>
    public static async Task<ActionOutcome> RecordAsync(
        User caller, Actor actor, int budgetYear, string regionCode, CiclosApi.EventBody body, EngineRuntime engine, IConformityValidator conformity,
        IReadOnlyList<StepSideWrite> alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Admits(caller, budgetYear, regionCode) is { } refused)
        {
            return refused;
        }
        var region = RegionRegistry.Find(regionCode)!;
        if (body.Evento is not { Length: > 0 } name)
        {
            return ActionOutcome.Refused(ActionStatus.BadInput, $"evento: falta el evento; los eventos del ciclo son: {CycleEvent.KnownNames}");
        }
        if (CycleEvent.Find(name) is not { } cycleEvent)
        {
            return ActionOutcome.Refused(ActionStatus.BadInput, $"evento: evento desconocido «{name}»; los eventos del ciclo son: {CycleEvent.KnownNames}");
        }
        if (!caller.May(cycleEvent.RecordedWith))
        {
            return ActionOutcome.Refused(ActionStatus.Forbidden,
                $"evento: su rol ({caller.Role.Name}) no registra «{cycleEvent.Name}»; lo registra: {string.Join(", ", AccessPolicy.RolesThatMay(cycleEvent.RecordedWith))}");
        }
        var data = body.Datos is null ? new JsonObject() : (JsonObject)body.Datos.DeepClone();
        if (body.Conforme is { } conforme)
        {
            if (!cycleEvent.Data.Contains(EventField.Conformity))
            {
                return ActionOutcome.Refused(ActionStatus.BadInput, $"conforme: solo se indica con los eventos {CycleEvent.WithConformity}");
            }
            if (data.ContainsKey(DeclaredConformity.Field))
            {
                return ActionOutcome.Refused(ActionStatus.BadInput, "conforme: se indica una sola vez: fuera de «datos» o dentro, no en ambos");
            }
            data[DeclaredConformity.Field] = conforme;
        }
        var outcome = await new CycleEventRecorder(engine.Instances, conformity)
            .RecordAsync(region.IsoSuffix, budgetYear, cycleEvent.Name, data, actor, alongside, cancellationToken);
        return outcome.BadInput ? ActionOutcome.Refused(ActionStatus.BadInput, outcome.Refusal!)
            : !outcome.Applied ? ActionOutcome.Refused(ActionStatus.Conflict, outcome.Refusal!)
            : new ActionOutcome(ActionStatus.Done, null, outcome.InstanceId);
    }

    /// <summary>
    /// The events <paramref name="standing"/>'s instance waits for now: the messages of the receive
    /// tasks its tokens wait at (several at once where the cycle runs milestones in parallel).
    /// Read inside the caller's <see cref="ApiDatabase.ReadAsync{T}"/>.
    /// </summary>
    public static async Task<IReadOnlyList<CycleEvent>> AwaitedAsync(EngineRuntime runtime, RegionStanding standing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.InstanceId is not { } id || standing.Status is not InstanceStatus.Running)
        {
            return [];
        }
        await using var db = runtime.Store.Open();
        var definitionId = await db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.DefinitionId).SingleAsync(cancellationToken);
        var definition = await runtime.Definitions.ParsedAsync(definitionId, cancellationToken);
        var waited = standing.WaitingAt.Select(n => definition.Nodes.GetValueOrDefault(n)).OfType<ReceiveTask>().Select(r => r.Message).ToHashSet(StringComparer.Ordinal);
        return [.. CycleEvent.All.Where(e => waited.Contains(e.Name))];
    }

    /// <summary>The open incidents of the regions <paramref name="caller"/> sees, each with its cycle's key ("NB/2027").</summary>
    public static Task<List<(IncidentRow Incident, string? Key)>> OpenIncidentsAsync(User caller, ApiDatabase database, CancellationToken cancellationToken) =>
        database.ReadAsync(caller, async () =>
        {
            var open = await database.Runtime.Incidents.OpenAsync(cancellationToken);
            var ids = open.Select(i => i.InstanceId).Distinct().ToList();
            await using var db = database.Store.Open();
            var keys = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.CorrelationKey, cancellationToken);
            return open.Select(i => (i, keys.GetValueOrDefault(i.InstanceId))).ToList();
        }, cancellationToken);

    /// <summary>
    /// Retries or skips incident <paramref name="id"/> as <paramref name="actor"/> (journaled in their
    /// name), if <paramref name="caller"/> sees it and it is still open.
    /// </summary>
    public static async Task<ActionOutcome> ResolveIncidentAsync(
        User caller, Actor actor, long id, bool retry, ApiDatabase database, EngineRuntime engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.May(Capability.ResolverIncidentes))
        {
            return ActionOutcome.Refused(ActionStatus.Forbidden, $"su rol ({caller.Role.Name}) no resuelve incidentes; los resuelve: {string.Join(", ", AccessPolicy.RolesThatMay(Capability.ResolverIncidentes))}");
        }
        // Seen as the caller sees it first: another region's incident is not found, whatever the owner's runtime could do with it.
        var incident = await database.ReadAsync(caller, async () =>
        {
            await using var db = database.Store.Open();
            return await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        }, cancellationToken);
        if (incident is null)
        {
            return ActionOutcome.Refused(ActionStatus.NotFound, $"id: no hay un incidente {id} entre los que usted puede ver");
        }
        if (incident.State != IncidentState.Open)
        {
            return ActionOutcome.Refused(ActionStatus.Conflict, $"el incidente {id} ya fue resuelto ({(incident.State == IncidentState.Retried ? "reintentado" : "omitido")} por {incident.ResolvedBy})");
        }
        var outcome = retry
            ? await engine.Incidents.RetryAsync(id, actor, cancellationToken)
            : await engine.Incidents.SkipAsync(id, actor, cancellationToken);
        return outcome.Applied ? new ActionOutcome(ActionStatus.Done, null, outcome.InstanceId) : ActionOutcome.Refused(ActionStatus.Conflict, outcome.Refusal!);
    }

    /// <summary>The oficios <paramref name="caller"/> sees (row-level security), optionally of one region and budget year.</summary>
    public static Task<IReadOnlyList<MailRecord>> OficiosAsync(User caller, ApiDatabase database, string? region, int? budgetYear, CancellationToken cancellationToken) =>
        database.ReadAsync(caller, () => new CycleRecords(database.Store).OficiosAsync(region, budgetYear, cancellationToken), cancellationToken);

    /// <summary>The oficio whose key is <paramref name="key"/>, if <paramref name="caller"/> sees it.</summary>
    public static async Task<MailRecord?> OficioAsync(User caller, ApiDatabase database, string key, CancellationToken cancellationToken) =>
        key.Length > 300 ? null : (await OficiosAsync(caller, database, null, null, cancellationToken)).FirstOrDefault(m => m.IdempotencyKey == key);

    /// <summary>
    /// Sets the DocDigital folio and number of the oficio of <paramref name="key"/> as
    /// <paramref name="actor"/> (journaled), if <paramref name="caller"/> may (the Oficina de Partes)
    /// and sees that oficio; the values' problem names the field (<c>folio</c>, <c>numero</c>).
    /// </summary>
    public static async Task<ActionOutcome> RecordDocDigitalAsync(
        User caller, Actor actor, ApiDatabase database, string key, string? folio, string? number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(database);
        if (!caller.May(Capability.RegistrarDocDigital))
        {
            return ActionOutcome.Refused(ActionStatus.Forbidden,
                $"su rol ({caller.Role.Name}) no registra el folio DocDigital de los oficios; lo registran: {string.Join(", ", AccessPolicy.RolesThatMay(Capability.RegistrarDocDigital))}");
        }
        if (OficioDocDigital.Problem(folio, number) is { } problem)
        {
            return ActionOutcome.Refused(ActionStatus.BadInput, problem);
        }
        var found = key.Length <= 300 && await database.WriteAsync(caller,
            () => new OficioDocDigital(database.Store, database.Clock).RecordAsync(key, folio, number, actor, cancellationToken), cancellationToken);
        return found ? new ActionOutcome(ActionStatus.Done, null) : ActionOutcome.Refused(ActionStatus.NotFound, "id: no hay un oficio con esa clave entre los que usted puede ver");
    }

    private static ActionOutcome Refused(ProblemHttpResult problem) =>
        ActionOutcome.Refused(problem.StatusCode == StatusCodes.Status404NotFound ? ActionStatus.NotFound : ActionStatus.BadInput, problem.ProblemDetails.Detail ?? "");
}
