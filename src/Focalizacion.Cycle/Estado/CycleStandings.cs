using System.Text.Json.Nodes;
using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Plan;
using Focalizacion.Cycle.Starting;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cycle.Estado;

/// <summary>
/// Reads where each region's cycle stands, from the instance (the cycle's own,
/// <see cref="CycleInstances"/>: another workflow's instance with the same key is not it; its recorded events and
/// <c>registrado_*</c> variables), the emails sent (<c>correos</c>), the outcome
/// (<c>focalizaciones</c>) and the open incidents. The milestones and deadlines are those of the
/// workflow version the instance is pinned to (<see cref="CyclePlan"/>), counted from its own
/// events; a region without an instance shows the version it would start with.
/// </summary>
public sealed class CycleStandings(EngineRuntime runtime, HolidayCalendar calendar)
{
    public async Task<RegionStanding> ReadAsync(Region region, int budgetYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        return (await ReadAsync([region], budgetYear, cancellationToken))[0];
    }

    /// <summary>
    /// Where each of <paramref name="regions"/> stands in <paramref name="budgetYear"/>, in their order: the same
    /// queries as for one region, each for all of them at once, in one round trip (one batch: the oficios, the outcomes,
    /// the instances with their open incidents), not four per region. Inside a scoped reading that batch may be its
    /// first (<see cref="Store.ReadBatchFirstAsync{T}"/>).
    /// </summary>
    public async Task<IReadOnlyList<RegionStanding>> ReadAsync(IReadOnlyList<Region> regions, int budgetYear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 0)
        {
            return [];
        }
        var only = regions.Count == 1 ? regions[0].IsoSuffix : null;
        IReadOnlyList<OficioStanding> oficioList;
        IReadOnlyList<OutcomeRecord> outcomeList;
        IReadOnlyList<(InstanceRow Row, string[] OpenIncidents)> instances;
        await using (var batch = runtime.Store.CreateBatch())
        {
            CycleRecords.AddStandingRecords(batch, only, budgetYear);
            CycleInstances.AddWithOpenIncidents(batch, regions, budgetYear);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            (oficioList, outcomeList) = await CycleRecords.ReadStandingRecordsAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            instances = await CycleInstances.ReadWithOpenIncidentsAsync(reader, cancellationToken);
        }
        var oficios = oficioList.ToLookup(m => m.Region);
        var outcomes = outcomeList.GroupBy(o => o.Region).ToDictionary(g => g.Key, g => g.Last());
        var cancelled = nameof(InstanceStatus.Cancelled);
        // The region's cycle is its instance not cancelled if any, else the newest.
        var rows = instances
            .GroupBy(i => i.Row.CorrelationKey!)
            .ToDictionary(g => g.Key, g => g.OrderBy(i => i.Row.Status == cancelled).ThenByDescending(i => i.Row.CreatedAt).First());
        CyclePlan? toStart = null;
        var standings = new List<RegionStanding>(regions.Count);
        foreach (var region in regions)
        {
            var regionOficios = oficios[region.IsoSuffix].ToList();
            var outcome = outcomes.GetValueOrDefault(region.IsoSuffix);
            if (!rows.TryGetValue(CycleKey.For(region, budgetYear), out var found))
            {
                toStart ??= (await CycleVersions.ToStartAsync(runtime, cancellationToken)).Plan;
                standings.Add(new RegionStanding(region, null, null, [], Milestones(toStart, region, budgetYear, null, regionOficios), regionOficios, outcome, []));
                continue;
            }
            var row = found.Row;
            var state = InstanceStateJson.Deserialize(row.State);
            var pinned = CyclePlan.Of(await runtime.Definitions.ParsedAsync(row.DefinitionId, cancellationToken));
            standings.Add(new RegionStanding(region, row.Id, state.Status, [.. state.Tokens.Select(t => t.NodeId).Distinct()],
                Milestones(pinned, region, budgetYear, state, regionOficios), regionOficios, outcome, found.OpenIncidents)
            {
                DefinitionId = row.DefinitionId,
            });
        }
        return standings;
    }

    private List<MilestoneStanding> Milestones(CyclePlan plan, Region region, int budgetYear, InstanceState? state, List<OficioStanding> oficios)
    {
        var events = state?.Events ?? (IReadOnlyDictionary<string, LocalDate>)new Dictionary<string, LocalDate>();
        var deadlines = plan.Deadlines(calendar.BusinessDays(region), budgetYear, events).ToDictionary(d => d.Milestone.Key);
        var flagged = state?.Variables[CycleStarter.OverdueVariable] is JsonArray list ? list.Select(k => (string?)k).ToHashSet() : [];
        var now = runtime.Clock.GetCurrentInstant();
        return plan.Milestones.Select(milestone =>
        {
            var planned = deadlines.GetValueOrDefault(milestone.Key);
            var deadline = planned?.Plazo;
            var (doneOn, how) = Done(plan, milestone, region, state, events, oficios);
            var overdue = doneOn is null && deadline is not null && deadline.IsOverdue(now);
            return new MilestoneStanding(milestone, deadline, doneOn, how, overdue, flagged.Contains(milestone.Key)) { WindowStart = planned?.WindowStart };
        }).ToList();
    }

    private static (LocalDate?, string?) Done(
        CyclePlan plan, CycleMilestone milestone, Region region, InstanceState? state, IReadOnlyDictionary<string, LocalDate> events, List<OficioStanding> oficios)
    {
        var recordedVariable = CycleStarter.RecordedVariable(milestone.Key);
        if (state?.Variables[recordedVariable] is JsonValue flag && flag.TryGetValue<bool>(out var recorded) && recorded)
        {
            var text = state.Variables[recordedVariable + "_fecha"] is JsonValue d && d.TryGetValue<string>(out var s) ? s : null;
            var date = text is null ? null : LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : (LocalDate?)null;
            return (date, "registrado al iniciar");
        }
        if (plan.EventOf(milestone.Key) is { } cycleEvent && events.TryGetValue(cycleEvent, out var on))
        {
            return (on, "evento registrado");
        }
        // A Sercotec milestone is done when its oficio left; a GORE one only when its document arrived.
        var sent = milestone.Owner == "Sercotec" ? oficios.FirstOrDefault(m => m.Milestone == milestone.Key && m.SentAt is not null) : null;
        return sent is null
            ? (null, null)
            : (sent.SentAt!.Value.InZone(region.Zone).Date, sent.OficioNumber is { } n ? $"oficio N° {n}/{sent.OficioYear} enviado" : "oficio enviado");
    }
}
