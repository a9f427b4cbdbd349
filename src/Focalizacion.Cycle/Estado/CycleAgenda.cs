using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Plan;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Focalizacion.Cycle.Estado;

/// <summary>
/// A region's cycle as dates for a calendar: each milestone's deadline, from the workflow version
/// the instance is pinned to and counted from its own events (<see cref="CycleStandings"/>), and
/// each reminder the instance has scheduled (its pending timers of a reminder series).
/// </summary>
/// <remarks>
/// A reminder series keeps one timer pending at a time (the next moment still ahead): the agenda
/// shows what the engine will really send next, not moments a recorded event may still cancel.
/// </remarks>
public sealed class CycleAgenda(EngineRuntime runtime, HolidayCalendar calendar)
{
    public async Task<(RegionStanding Standing, IReadOnlyList<ScheduledReminder> Reminders)> ReadAsync(Region region, int budgetYear, CancellationToken cancellationToken = default)
    {
        var standing = await new CycleStandings(runtime, calendar).ReadAsync(region, budgetYear, cancellationToken);
        if (standing.InstanceId is not { } instanceId)
        {
            return (standing, []);
        }
        await using var db = runtime.Store.Open();
        var definitionId = await db.Instances.Where(i => i.Id == instanceId).Select(i => i.DefinitionId).SingleAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId && t.State == TimerState.Pending)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var definition = await runtime.Definitions.ParsedAsync(definitionId, cancellationToken);
        var plan = CyclePlan.Of(definition);
        var reminders = new List<ScheduledReminder>();
        foreach (var timer in timers)
        {
            if (definition.Nodes.GetValueOrDefault(timer.NodeId) is BoundaryTimerEvent { Timer.Series: [var first, ..] } node)
            {
                var milestone = first.Rule.Anchor is DayOffset { Kind: ReferenceKind.Plazo } reference
                    ? reference.Key
                    : definition.Nodes.GetValueOrDefault(node.AttachedTo)?.Settings.GetValueOrDefault(CycleNodeSettings.Milestone) ?? node.Id;
                reminders.Add(new ScheduledReminder(milestone, plan.Milestone(milestone)?.Description ?? node.Name ?? milestone, node.Id, timer.Rule, timer.DueAt));
            }
        }
        return (standing, reminders);
    }
}
