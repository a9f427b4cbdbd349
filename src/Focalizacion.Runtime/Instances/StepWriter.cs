using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Queues one applied step's writes in its transaction: the new state (the <c>bookmarks</c> view
/// reads what waits from it) and every effect the engine asked for (timer rows, outbox rows,
/// incidents, journal lines). Rows of one kind go in one statement, so a step costs the same
/// round trip however much it did.
/// </summary>
/// <remarks>
/// Everything a step causes commits with its state change or not at all; the wake-ups for new
/// timer and outbox rows are queued for after the commit.
/// </remarks>
internal static class StepWriter
{
    public static void Write(
        StepTransaction transaction, LockedInstance instance, StepResult step, WorkflowEvent @event, Actor actor, Instant now)
    {
        var instanceId = instance.Id;
        var state = InstanceStateJson.Serialize(step.State);
        var status = step.State.Status.ToString();
        transaction.Write(
            """
            UPDATE workflow_instances SET state = $2, status = $3, updated_at = $4, step_count = step_count + 1 WHERE id = $1
            RETURNING xmin, step_count
            """,
            [instanceId, StepTransaction.Jsonb(state), status, now],
            row => transaction.Stepping(instance with { Status = status, State = state, Version = row.GetFieldValue<uint>(0), StepCount = row.GetInt64(1) }));

        var timers = new List<ActiveTimer>();
        var cancelled = new List<string>();
        var outbox = new List<InvokeHandler>();
        var withdrawn = new List<string>();
        foreach (var effect in step.Effects)
        {
            switch (effect)
            {
                case ScheduleTimer schedule:
                    timers.Add(schedule.Timer);
                    break;
                case CancelTimer cancel when timers.RemoveAll(t => t.Id == cancel.TimerId) == 0:
                    cancelled.Add(cancel.TimerId);
                    break;
                case CancelTimer:
                    break; // scheduled and cancelled within this step: never stored
                case InvokeHandler invoke:
                    outbox.Add(invoke);
                    break;
                case WithdrawHandler withdraw when outbox.RemoveAll(o => o.Key == withdraw.Key) == 0:
                    withdrawn.Add(withdraw.Key);
                    break;
                case WithdrawHandler:
                    break;
                case RaiseIncident incident:
                    transaction.Write(
                        $"INSERT INTO incidents (instance_id, token_id, node_id, reason, state, created_at) VALUES ($1, $2, $3, $4, '{nameof(IncidentState.Open)}', $5)",
                        instanceId, incident.TokenId, incident.NodeId, incident.Reason, now);
                    break;
                case JournalLine line:
                    transaction.Journal(new JournalRow
                    {
                        InstanceId = instanceId,
                        At = now,
                        By = actor,
                        Kind = line.Kind.Text(),
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
        if (cancelled.Count > 0)
        {
            transaction.Write(
                $"UPDATE timers SET state = '{nameof(TimerState.Cancelled)}' WHERE instance_id = $1 AND timer_id = ANY($2) AND state = '{nameof(TimerState.Pending)}'",
                instanceId, cancelled.ToArray());
        }
        if (withdrawn.Count > 0)
        {
            transaction.Write(
                $"UPDATE outbox SET state = '{nameof(OutboxState.Withdrawn)}' WHERE idempotency_key = ANY($1) AND state IN ('{nameof(OutboxState.Pending)}', '{nameof(OutboxState.Incident)}')",
                [withdrawn.ToArray()]);
        }
        if (timers.Count > 0)
        {
            transaction.Write(
                $"""
                INSERT INTO timers (instance_id, timer_id, node_id, rule, due_at, state, created_at)
                SELECT $1, timer_id, node_id, rule, due_at, '{nameof(TimerState.Pending)}', $2
                FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[]) AS t (timer_id, node_id, rule, due_at)
                RETURNING id, due_at
                """,
                [instanceId, now, timers.Select(t => t.Id).ToArray(), timers.Select(t => t.NodeId).ToArray(),
                    timers.Select(t => t.Rule).ToArray(), timers.Select(t => t.DueAt).ToArray()],
                row =>
                {
                    var (id, dueAt) = (row.GetInt64(0), row.GetFieldValue<Instant>(1));
                    transaction.WakeUp(w => w.TimerScheduled(id, dueAt));
                });
        }
        if (@event is Resumed)
        {
            WakeWaitingEffects(transaction, instanceId);
        }
        if (outbox.Count > 0)
        {
            transaction.Write(
                $"""
                INSERT INTO outbox (instance_id, idempotency_key, handler, node_id, payload, state, next_attempt_at, created_at)
                SELECT $1, idempotency_key, handler, node_id, payload, '{nameof(OutboxState.Pending)}', $2, $2
                FROM unnest($3::text[], $4::text[], $5::text[], $6::jsonb[]) AS o (idempotency_key, handler, node_id, payload)
                RETURNING id
                """,
                [instanceId, now, outbox.Select(o => o.Key).ToArray(), outbox.Select(o => o.Handler).ToArray(),
                    outbox.Select(o => o.NodeId).ToArray(), outbox.Select(Payload).ToArray()],
                row =>
                {
                    var id = row.GetInt64(0);
                    transaction.WakeUp(w => w.EffectQueued(id));
                });
        }
    }

    /// <summary>
    /// Wakes up, once the resume commits, the effects that waited while the instance was suspended
    /// (deliveries skip suspended instances), including those whose handler succeeded meanwhile.
    /// </summary>
    private static void WakeWaitingEffects(StepTransaction transaction, Guid instanceId) =>
        transaction.Write(
            $"SELECT id FROM outbox WHERE instance_id = $1 AND state = '{nameof(OutboxState.Pending)}'",
            [instanceId],
            row =>
            {
                var id = row.GetInt64(0);
                transaction.WakeUp(w => w.EffectQueued(id));
            });

    private static string Payload(InvokeHandler invoke) => new JsonObject
    {
        ["settings"] = new JsonObject(invoke.Settings.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
        ["variables"] = invoke.Variables.DeepClone(),
    }.ToJsonString();
}
