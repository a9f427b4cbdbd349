using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Writes one applied step into the open transaction: the new state, the bookmarks, and every
/// effect the engine asked for (timer rows, outbox rows, incidents, journal lines).
/// </summary>
/// <remarks>
/// Everything a step causes is written in the same transaction as the state change; the
/// wake-ups it returns are only to be sent after the commit.
/// </remarks>
internal static class StepWriter
{
    public static async Task<IReadOnlyList<Action<IWakeUps>>> WriteAsync(
        FocalizacionDb db, InstanceRow instance, InstanceState before, StepResult step, WorkflowEvent @event, string actor, Instant now, CancellationToken cancellationToken)
    {
        instance.State = InstanceStateJson.Serialize(step.State);
        instance.Status = step.State.Status.ToString();
        instance.UpdatedAt = now;
        instance.StepCount++;

        await db.Bookmarks.Where(b => b.InstanceId == instance.Id).ExecuteDeleteAsync(cancellationToken);
        db.Bookmarks.AddRange(step.State.Tokens.Select(t => new BookmarkRow
        {
            InstanceId = instance.Id,
            TokenId = t.Id,
            NodeId = t.NodeId,
            Kind = t.Wait.ToString(),
            Key = t.Key,
        }));

        var timers = new List<TimerRow>();
        var outbox = new List<OutboxRow>();
        foreach (var effect in step.Effects)
        {
            switch (effect)
            {
                case ScheduleTimer schedule:
                    timers.Add(new TimerRow
                    {
                        InstanceId = instance.Id,
                        TimerId = schedule.Timer.Id,
                        NodeId = schedule.Timer.NodeId,
                        Rule = schedule.Timer.Rule,
                        DueAt = schedule.Timer.DueAt,
                        State = TimerState.Pending,
                        CreatedAt = now,
                    });
                    break;
                case CancelTimer cancel:
                    await db.Timers.Where(t => t.InstanceId == instance.Id && t.TimerId == cancel.TimerId && t.State == TimerState.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TimerState.Cancelled), cancellationToken);
                    break;
                case InvokeHandler invoke:
                    outbox.Add(new OutboxRow
                    {
                        InstanceId = instance.Id,
                        IdempotencyKey = invoke.Key,
                        Handler = invoke.Handler,
                        NodeId = invoke.NodeId,
                        Payload = new JsonObject
                        {
                            ["settings"] = new JsonObject(invoke.Settings.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
                            ["variables"] = invoke.Variables.DeepClone(),
                        }.ToJsonString(),
                        State = OutboxState.Pending,
                        NextAttemptAt = now,
                        CreatedAt = now,
                    });
                    break;
                case WithdrawHandler withdraw:
                    await db.Outbox.Where(o => o.IdempotencyKey == withdraw.Key && (o.State == OutboxState.Pending || o.State == OutboxState.Incident))
                        .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Withdrawn), cancellationToken);
                    break;
                case RaiseIncident incident:
                    db.Incidents.Add(new IncidentRow
                    {
                        InstanceId = instance.Id,
                        TokenId = incident.TokenId,
                        NodeId = incident.NodeId,
                        Reason = incident.Reason,
                        State = IncidentState.Open,
                        CreatedAt = now,
                    });
                    break;
                case JournalLine line:
                    db.Journal.Add(new JournalRow
                    {
                        InstanceId = instance.Id,
                        At = now,
                        Actor = actor,
                        Kind = line.Kind,
                        Activity = line.Activity,
                        Event = @event.Description,
                        Details = line.Details,
                    });
                    break;
                case TimerLateness:
                    break; // recorded on the timer row by the firing itself
                default:
                    throw new InvalidOperationException($"Unknown effect {effect}.");
            }
        }
        db.Timers.AddRange(timers);
        db.Outbox.AddRange(outbox);
        await db.SaveChangesAsync(cancellationToken);
        return
        [
            .. timers.Select(t => (Action<IWakeUps>)(w => w.TimerScheduled(t.Id, t.DueAt))),
            .. outbox.Select(o => (Action<IWakeUps>)(w => w.EffectQueued(o.Id))),
        ];
    }
}
