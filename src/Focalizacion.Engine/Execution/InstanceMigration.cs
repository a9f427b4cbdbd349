using Focalizacion.Calendar;
using Focalizacion.Engine.Definitions;
using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// Moving a running instance to another version of its process: pure, like a step. It checks that
/// the target has every node where the instance waits, then re-evaluates the instance's timers
/// under the target's rules; the runtime re-pins the instance in the same transaction.
/// </summary>
/// <remarks>
/// <para>
/// A node "exists" in the target when it has the same id and the same kind, a message wait still
/// waits for the same message, a boundary timer is still attached to the same activity, and a
/// token waiting at a join arrived by a flow the target still has. Otherwise the migration is
/// refused with the nodes named, and nothing changes.
/// </para>
/// <para>
/// Each pending timer is computed again from the target's timer at its node (its plazos and the
/// instance's recorded events): a moment the target still gives keeps the timer as it is; any
/// other moment cancels it and schedules the new one (<see cref="JournalKind.TimerRescheduled"/>),
/// or, for a reminder or notice whose new moment has passed, only cancels it. A duration counts
/// from when its wait began (the old moment minus the old duration), not from the migration.
/// A boundary timer the target adds to an activity where a token already waits is scheduled as
/// if the wait began now.
/// </para>
/// </remarks>
public static class InstanceMigration
{
    /// <summary>
    /// The nodes where <paramref name="state"/> waits, in the source's terms, each checked against
    /// <paramref name="target"/>; timers' moments in <paramref name="zone"/>, the instance's.
    /// </summary>
    public static IReadOnlyList<WaitingNode> Waiting(WorkflowDefinition source, WorkflowDefinition target, InstanceState state, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(state);
        var waiting = new List<WaitingNode>();
        foreach (var token in state.Tokens)
        {
            var node = source.Node(token.NodeId);
            var problem = Problem(node, target);
            if (problem is null && token.Wait == TokenWait.Join && token.ArrivedBy is { } flow
                && !(target.Flows.TryGetValue(flow, out var arrived) && arrived.Target == node.Id))
            {
                problem = $"la rama que espera llegó por el flujo {flow}, que no llega a este nodo en la versión destino";
            }
            waiting.Add(new WaitingNode(node.Id, node.Label, What(token), problem));
        }
        foreach (var timer in state.Timers)
        {
            var node = source.Node(timer.NodeId);
            waiting.Add(new WaitingNode(node.Id, node.Label, $"temporizador «{timer.Rule}», vence el {Moment(timer.DueAt, zone)}", Problem(node, target)));
        }
        return waiting;
    }

    /// <summary>
    /// The instance as it continues on <paramref name="target"/> (named <paramref name="targetName"/>
    /// in the journal, "versión 2"), with the timer changes and journal lines to persist; refused,
    /// naming the nodes, when the target lacks one where the instance waits.
    /// </summary>
    public static StepResult Migrate(WorkflowDefinition source, WorkflowDefinition target, string targetName, InstanceState state, EngineContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsFinished)
        {
            return StepResult.Refused(state, state.Status == InstanceStatus.Completed ? "la instancia ya terminó" : "la instancia fue cancelada");
        }
        var zone = context.Calendar.Zone;
        var missing = Waiting(source, target, state, zone).Where(w => !w.InTarget).DistinctBy(w => w.NodeId).ToList();
        if (missing.Count > 0)
        {
            return StepResult.Refused(state,
                $"la {targetName} no tiene los nodos donde espera la instancia: {string.Join("; ", missing.Select(m => $"{m.Label}: {m.Problem}"))}");
        }
        var effects = new List<EngineEffect>
        {
            new JournalLine(null, JournalKind.InstanceMigrated,
                $"migrada a la {targetName} de «{target.Name ?? target.ProcessId}»; espera en {string.Join(", ", state.Tokens.Select(t => t.NodeId).Distinct())}"),
        };
        var timers = new List<ActiveTimer>();
        var sequence = state.Sequence;
        foreach (var timer in state.Timers)
        {
            var node = target.Node(timer.NodeId);
            var definition = WorkflowDefinition.TimerOf(node)!;
            var occurrences = TimerDue.Occurrences(definition, target, state.Events, context with { Now = WaitBegan(source, timer, definition, context) });
            if (!occurrences.Success)
            {
                return StepResult.Refused(state, $"{node.Label}: {occurrences.Error}");
            }
            if (occurrences.Value.Any(o => o.Text == timer.Rule && o.Due == timer.DueAt))
            {
                timers.Add(timer);
                continue;
            }
            effects.Add(new CancelTimer(timer.Id));
            var notice = node is BoundaryTimerEvent { Interrupting: false };
            var ahead = occurrences.Value.Where(o => !notice || o.Due >= context.Now).ToList();
            if (ahead.Count == 0)
            {
                effects.Add(new JournalLine(node.Id, JournalKind.TimerRescheduled,
                    $"{node.Label}: «{timer.Rule}» vencía el {Moment(timer.DueAt, zone)}; en la {targetName} su momento ya pasó y no se programa"));
                continue;
            }
            var (rule, due) = ahead[0];
            Schedule(node.Id, timer.TokenId, rule, due, JournalKind.TimerRescheduled, $"{node.Label}: «{timer.Rule}» vencía el {Moment(timer.DueAt, zone)}; en la {targetName}, «{rule}» vence el {Moment(due, zone)}");
        }
        foreach (var token in state.Tokens.Where(t => t.Wait is TokenWait.Message or TokenWait.User or TokenWait.Effect))
        {
            foreach (var boundary in target.BoundaryEvents(token.NodeId).Where(b => !source.Nodes.ContainsKey(b.Id)))
            {
                var occurrences = TimerDue.Occurrences(boundary.Timer, target, state.Events, context);
                if (!occurrences.Success)
                {
                    return StepResult.Refused(state, $"{boundary.Label}: {occurrences.Error}");
                }
                var ahead = occurrences.Value.Where(o => boundary.Interrupting || o.Due >= context.Now).ToList();
                if (ahead.Count == 0)
                {
                    continue;
                }
                var (rule, due) = ahead[0];
                Schedule(boundary.Id, token.Id, rule, due, JournalKind.TimerScheduled, $"{boundary.Label}: nuevo en la {targetName}; «{rule}» vence el {Moment(due, zone)}");
            }
        }
        return new StepResult(state with { Timers = [.. timers], Sequence = sequence }, effects, null);

        void Schedule(string nodeId, string tokenId, string rule, Instant due, JournalKind kind, string details)
        {
            var scheduled = new ActiveTimer($"t{++sequence}", nodeId, tokenId, due, rule);
            timers.Add(scheduled);
            effects.Add(new ScheduleTimer(scheduled));
            effects.Add(new JournalLine(nodeId, kind, details));
        }
    }

    /// <summary>
    /// The moment a duration counts from: when the timer's wait began (its moment minus the source's
    /// duration); any other timer does not depend on it.
    /// </summary>
    private static string Moment(Instant instant, DateTimeZone zone) => Spanish.Moment(instant.InZone(zone));

    private static Instant WaitBegan(WorkflowDefinition source, ActiveTimer timer, TimerDefinition target, EngineContext context)
    {
        if (target.Period is null || WorkflowDefinition.TimerOf(source.Node(timer.NodeId))?.Period is not { } old)
        {
            return context.Now;
        }
        var zone = context.Calendar.Zone;
        return zone.ResolveLocal(timer.DueAt.InZone(zone).LocalDateTime - old, TimerDue.Resolver).ToInstant();
    }

    /// <summary>Why <paramref name="target"/> cannot take over a wait at <paramref name="node"/>; null when it can.</summary>
    private static string? Problem(FlowNode node, WorkflowDefinition target)
    {
        if (!target.Nodes.TryGetValue(node.Id, out var other))
        {
            return "no existe en la versión destino";
        }
        return (node, other) switch
        {
            _ when node.GetType() != other.GetType() => $"en la versión destino es otro tipo de nodo ({other.Kind})",
            (ReceiveTask a, ReceiveTask b) when a.Message != b.Message => $"en la versión destino espera otro mensaje («{b.Message}»)",
            (MessageCatchEvent a, MessageCatchEvent b) when a.Message != b.Message => $"en la versión destino espera otro mensaje («{b.Message}»)",
            (BoundaryTimerEvent a, BoundaryTimerEvent b) when a.AttachedTo != b.AttachedTo => $"en la versión destino está en otra actividad ({b.AttachedTo})",
            (BoundaryTimerEvent a, BoundaryTimerEvent b) when a.Interrupting != b.Interrupting => "en la versión destino cambió entre interrumpir y solo avisar",
            _ => null,
        };
    }

    private static string What(Token token) => token.Wait switch
    {
        TokenWait.Message => $"espera el mensaje «{token.Key}»",
        TokenWait.User => "espera que una persona complete la tarea",
        TokenWait.Timer => "espera su temporizador",
        TokenWait.Effect => "espera el efecto de su manejador",
        TokenWait.Incident => $"bloqueada por un incidente: {token.Key}",
        _ => "espera las demás ramas",
    };
}
