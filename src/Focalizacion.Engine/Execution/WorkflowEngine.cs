using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Engine.Definitions;
using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// Runs an instance one step at a time: (definition, state, event, context) → new state and the
/// effects the runtime must persist with it. Pure and deterministic: no I/O, no clock, ids from
/// the state's sequence, so the same inputs always give the same outputs.
/// </summary>
/// <remarks>
/// Token semantics of the supported subset: a token arriving at a task or catch event waits there
/// (its boundary timers are scheduled); when the wait ends the token leaves by every outgoing flow
/// (a split into several tokens); an exclusive gateway takes the first flow whose condition holds,
/// else its default; a parallel gateway with several incoming flows joins one token from each; a
/// terminate end event ends everything. A step that cannot apply (a message nobody waits for, a
/// message or user task's data naming a variable the host reserves, a timer no longer active, an
/// event while suspended) is refused and changes nothing.
/// </remarks>
public static class WorkflowEngine
{
    /// <summary>
    /// How many times one step may enter a node. A step ends when every moving token waits, so a
    /// longer step is a cycle that never waits; the importer refuses those, and this is the
    /// backstop for a definition it did not check: the tokens still moving are blocked, each an
    /// incident with the reason, instead of a step that never returns. Real steps enter tens of nodes.
    /// </summary>
    public const int MaxNodeEntriesPerStep = 10_000;

    /// <summary>"10.000", as Chile writes it.</summary>
    private static readonly string MaxNodeEntriesText = MaxNodeEntriesPerStep.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    public static StepResult Step(WorkflowDefinition definition, InstanceState state, WorkflowEvent @event, EngineContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(context);
        if (state.IsFinished)
        {
            return StepResult.Refused(state, state.Status == InstanceStatus.Completed ? "la instancia ya terminó" : "la instancia fue cancelada");
        }
        if (state.Status == InstanceStatus.Suspended && @event is not (Resumed or Cancelled))
        {
            return StepResult.Refused(state, "la instancia está suspendida");
        }
        var run = new EngineRun(definition, state, context);
        var refusal = run.Apply(@event);
        return refusal is null ? new StepResult(run.Result(), run.Effects, null) : StepResult.Refused(state, refusal);
    }

    /// <summary>The mutable working copy of one step; discarded if the step is refused.</summary>
    private sealed class EngineRun(WorkflowDefinition definition, InstanceState state, EngineContext context)
    {
        private readonly List<Token> _tokens = [.. state.Tokens];
        private readonly List<ActiveTimer> _timers = [.. state.Timers];
        private readonly JsonObject _variables = (JsonObject)state.Variables.DeepClone();
        private readonly ImmutableSortedDictionary<string, LocalDate>.Builder _events = state.Events.ToBuilder();
        private readonly Queue<(Token Token, FlowNode Node)> _arrivals = new();
        private InstanceStatus _status = state.Status;
        private long _sequence = state.Sequence;

        public List<EngineEffect> Effects { get; } = [];

        public InstanceState Result() =>
            new(_tokens.Count == 0 && _status == InstanceStatus.Running ? InstanceStatus.Completed : _status,
                [.. _tokens], [.. _timers], _variables, _events.ToImmutable(), _sequence);

        public string? Apply(WorkflowEvent @event)
        {
            var refusal = @event switch
            {
                Started => Start(),
                TimerFired fired => FireTimer(fired.TimerId),
                MessageReceived message => ReceiveMessage(message),
                UserTaskCompleted completed => CompleteUserTask(completed),
                EffectCompleted effect => CompleteEffect(effect),
                IncidentSkipped skipped => ResolveIncident(skipped.TokenId, retry: false),
                IncidentRetried retried => ResolveIncident(retried.TokenId, retry: true),
                Cancelled => Cancel(),
                Suspended => SetStatus(InstanceStatus.Suspended, InstanceStatus.Running, "la instancia no está en curso"),
                Resumed => SetStatus(InstanceStatus.Running, InstanceStatus.Suspended, "la instancia no está suspendida"),
                Migrated => "una migración no es un paso del flujo: la hace InstanceMigration",
                _ => throw new ArgumentException($"Unknown event {@event}.", nameof(@event)),
            };
            if (refusal is null)
            {
                RunArrivals();
                if (_tokens.Count == 0 && _status == InstanceStatus.Running)
                {
                    Journal(null, JournalKind.InstanceCompleted, "la instancia terminó: no quedan tokens");
                }
            }
            return refusal;
        }

        private string? Start()
        {
            if (state.Sequence != 0 || state.Tokens.Count != 0)
            {
                return "la instancia ya se inició";
            }
            Journal(definition.Start.Id, JournalKind.InstanceStarted, $"inicio de «{definition.Name ?? definition.ProcessId}» con las variables {_variables.ToJsonString()}");
            foreach (var (name, date) in _events)
            {
                Journal(null, JournalKind.EventBeforeStart, $"«{name}» ocurrió el {date:yyyy-MM-dd}, antes del inicio (registrado por quien inició la instancia)");
            }
            Arrive(NewToken(definition.Start.Id), definition.Start);
            return null;
        }

        private string? FireTimer(string timerId)
        {
            var timer = _timers.Find(t => t.Id == timerId);
            if (timer is null)
            {
                return $"el temporizador {timerId} ya no está activo";
            }
            if (timer.DueAt > context.Now)
            {
                return $"el temporizador {timerId} aún no vence";
            }
            _timers.Remove(timer);
            Effects.Add(new TimerLateness(timer.Id, context.Now - timer.DueAt));
            var node = definition.Node(timer.NodeId);
            Journal(node.Id, JournalKind.TimerFired, $"{node.Label}: «{timer.Rule}», vencía el {Moment(timer.DueAt)}, disparado con {(context.Now - timer.DueAt).TotalSeconds:0} s de atraso");
            var token = _tokens.Single(t => t.Id == timer.TokenId);
            if (node is TimerCatchEvent)
            {
                Leave(token, node);
                return null;
            }
            var boundary = (BoundaryTimerEvent)node;
            if (boundary.Interrupting)
            {
                EndWait(token, $"interrumpido por {boundary.Label}");
            }
            else if (boundary.Timer.Series is not null)
            {
                Schedule(token, boundary, boundary.Timer, after: timer.DueAt);
            }
            Leave(NewToken(boundary.Id), boundary);
            return null;
        }

        private string? ReceiveMessage(MessageReceived message)
        {
            if (context.Reserved.FirstIn(message.Payload) is { } reserved)
            {
                return ReservedRefusal(reserved, $"el mensaje «{message.Name}»");
            }
            var token = _tokens.Find(t => t.Wait == TokenWait.Message && t.Key == message.Name);
            if (token is not null)
            {
                _events[message.Name] = context.Now.InZone(context.Calendar.Zone).Date;
            }
            return Resume(token, $"ninguna espera del mensaje «{message.Name}» está abierta en esta instancia",
                message.Payload, JournalKind.MessageReceived, _ => $"mensaje «{message.Name}» recibido{JournalData.Of(message.Payload)}");
        }

        private string? CompleteUserTask(UserTaskCompleted completed) =>
            context.Reserved.FirstIn(completed.Data) is { } reserved ? ReservedRefusal(reserved, $"la tarea {completed.NodeId}") : Resume(_tokens.Find(t => t.Wait == TokenWait.User && t.NodeId == completed.NodeId),
                $"la tarea {completed.NodeId} no está esperando en esta instancia",
                completed.Data, JournalKind.UserTaskCompleted, t => $"{definition.Node(t.NodeId).Label} completada");

        private string? CompleteEffect(EffectCompleted effect) =>
            Resume(_tokens.Find(t => t.Wait == TokenWait.Effect && t.Key == effect.Key),
                $"ninguna tarea espera el efecto {effect.Key}",
                effect.Outputs, JournalKind.EffectDelivered, t => $"{definition.Node(t.NodeId).Label}: efecto {effect.Key} entregado");

        /// <summary>Data from outside may not set a variable the host keeps for itself (its effects' outputs may).</summary>
        private static string ReservedRefusal(string variable, string who) =>
            $"{who} no puede cambiar la variable «{variable}»: es de la instancia y la fijan su inicio o sus tareas de servicio";

        /// <summary>Ends a token's wait with the data that ended it, or refuses when no token waits.</summary>
        private string? Resume(Token? token, string refusal, JsonObject? data, JournalKind kind, Func<Token, string> details)
        {
            if (token is null)
            {
                return refusal;
            }
            InstanceVariables.Merge(_variables, data);
            Journal(token.NodeId, kind, details(token));
            Complete(token);
            return null;
        }

        private string? ResolveIncident(string tokenId, bool retry)
        {
            // A blocked token can be retried (it arrives at its node again) or skipped; a token
            // waiting on a failing effect can only be skipped here: retrying delivery is the outbox's job.
            var token = _tokens.Find(t => t.Id == tokenId && (t.Wait == TokenWait.Incident || (!retry && t.Wait == TokenWait.Effect)));
            if (token is null)
            {
                return $"el token {tokenId} no tiene un incidente que se pueda {(retry ? "reintentar" : "omitir")}";
            }
            var node = definition.Node(token.NodeId);
            if (!retry && node is ExclusiveGateway)
            {
                return $"{node.Label}: una decisión no se puede omitir; corrija los datos y reintente";
            }
            Journal(node.Id, retry ? JournalKind.IncidentRetried : JournalKind.IncidentSkipped, $"{node.Label}: {(retry ? "reintento" : "se omite y el flujo continúa")}");
            if (retry)
            {
                CancelTimersOf(token);
                _tokens.Remove(token);
                Arrive(token with { Wait = TokenWait.Join, Key = null }, node);
                return null;
            }
            if (token.Wait == TokenWait.Effect)
            {
                Effects.Add(new WithdrawHandler(token.Key!));
            }
            Complete(token);
            return null;
        }

        private string? Cancel()
        {
            foreach (var token in _tokens.ToList())
            {
                EndWait(token, "instancia cancelada");
            }
            _status = InstanceStatus.Cancelled;
            Journal(null, JournalKind.InstanceCancelled, "la instancia fue cancelada");
            return null;
        }

        private string? SetStatus(InstanceStatus to, InstanceStatus from, string refusal)
        {
            if (_status != from)
            {
                return refusal;
            }
            _status = to;
            Journal(null, to == InstanceStatus.Suspended ? JournalKind.InstanceSuspended : JournalKind.InstanceResumed, to == InstanceStatus.Suspended ? "suspendida" : "reanudada");
            return null;
        }

        /// <summary>The token's wait at its node is over: its boundary timers go, and it leaves.</summary>
        private void Complete(Token token)
        {
            CancelTimersOf(token);
            Leave(token, definition.Node(token.NodeId));
        }

        /// <summary>The token is abandoned where it waits (interrupted or cancelled).</summary>
        private void EndWait(Token token, string why)
        {
            CancelTimersOf(token);
            if (token.Wait == TokenWait.Effect)
            {
                Effects.Add(new WithdrawHandler(token.Key!));
            }
            _tokens.Remove(token);
            Journal(token.NodeId, JournalKind.WaitEnded, $"{definition.Node(token.NodeId).Label}: {why}");
        }

        private void CancelTimersOf(Token token)
        {
            foreach (var timer in _timers.Where(t => t.TokenId == token.Id).ToList())
            {
                _timers.Remove(timer);
                Effects.Add(new CancelTimer(timer.Id));
            }
        }

        private void Arrive(Token token, FlowNode node) => _arrivals.Enqueue((token, node));

        private void RunArrivals()
        {
            int entries = 0;
            while (_arrivals.Count > 0 && _status == InstanceStatus.Running)
            {
                if (++entries > MaxNodeEntriesPerStep)
                {
                    BlockArrivals();
                    break;
                }
                var (token, node) = _arrivals.Dequeue();
                Enter(token, node);
            }
            _arrivals.Clear();
        }

        /// <summary>Stops a step that goes round a cycle without waiting: every token still moving is blocked where it was going.</summary>
        private void BlockArrivals()
        {
            while (_arrivals.TryDequeue(out var arrival))
            {
                Block(arrival.Token with { NodeId = arrival.Node.Id },
                    $"{arrival.Node.Label}: este paso entró {MaxNodeEntriesText} veces en nodos sin llegar a ninguna espera; "
                    + "la definición tiene un ciclo sin esperas (corríjala y cancele la instancia)");
            }
        }

        private void Enter(Token token, FlowNode node)
        {
            switch (node)
            {
                case StartEvent:
                    Leave(token, node);
                    break;
                case EndEvent end:
                    Journal(end.Id, JournalKind.End, $"{end.Label}{(end.Terminate ? ": termina la instancia" : "")}");
                    if (end.Terminate)
                    {
                        foreach (var other in _tokens.ToList())
                        {
                            EndWait(other, $"terminado por {end.Label}");
                        }
                        _status = InstanceStatus.Completed;
                        Journal(null, JournalKind.InstanceCompleted, $"terminada por {end.Label}");
                    }
                    break;
                case ServiceTask task:
                    var key = $"{context.InstanceId:N}/{task.Id}/{++_sequence}";
                    Effects.Add(new InvokeHandler(key, task.Handler, task.Id, task.Settings, HandlerVariables()));
                    Wait(token with { Wait = TokenWait.Effect, Key = key }, node, $"llama al manejador «{task.Handler}»");
                    break;
                case UserTask:
                    Wait(token with { Wait = TokenWait.User }, node, "espera que una persona complete la tarea");
                    break;
                case ReceiveTask receive:
                    Wait(token with { Wait = TokenWait.Message, Key = receive.Message }, node, $"espera el mensaje «{receive.Message}»");
                    break;
                case MessageCatchEvent catchMessage:
                    Wait(token with { Wait = TokenWait.Message, Key = catchMessage.Message }, node, $"espera el mensaje «{catchMessage.Message}»");
                    break;
                case TimerCatchEvent catchTimer:
                    var waiting = token with { Wait = TokenWait.Timer };
                    if (Schedule(waiting, catchTimer, catchTimer.Timer))
                    {
                        Wait(waiting, node, "espera su temporizador");
                    }
                    break;
                case ExclusiveGateway gateway:
                    ChooseFlow(token, gateway);
                    break;
                case ParallelGateway parallel:
                    Join(token, parallel);
                    break;
                default:
                    throw new InvalidOperationException($"Unsupported node {node.Kind} reached the engine.");
            }
        }

        private void Wait(Token token, FlowNode node, string what)
        {
            _tokens.Add(token);
            Journal(node.Id, JournalKind.Waiting, $"{node.Label}: {what}");
            foreach (var boundary in definition.BoundaryEvents(node.Id))
            {
                if (!Schedule(token, boundary, boundary.Timer))
                {
                    return;
                }
            }
        }

        /// <summary>A moment as the journal writes it for people: in the instance's zone, named.</summary>
        private string Moment(Instant instant) => Spanish.Moment(instant.InZone(context.Calendar.Zone));

        /// <summary>
        /// Schedules a timer for a token; a timer that cannot be computed blocks the token with an incident.
        /// </summary>
        /// <remarks>
        /// A reminder or notice (a non-interrupting boundary timer) whose moment passed before the
        /// wait began is not scheduled but journaled: it would only announce the past, and a cycle
        /// started mid-year must not send a burst of stale messages. A series schedules its next
        /// moment still ahead (after <paramref name="after"/>, the one that just fired).
        /// </remarks>
        private bool Schedule(Token token, FlowNode timerNode, TimerDefinition timer, Instant? after = null)
        {
            var occurrences = TimerDue.Occurrences(timer, definition, _events, context);
            if (!occurrences.Success)
            {
                Block(token, $"{timerNode.Label}: {occurrences.Error}");
                return false;
            }
            var notice = timerNode is BoundaryTimerEvent { Interrupting: false };
            var ahead = occurrences.Value.Where(o => !notice || (o.Due >= context.Now && (after is null || o.Due > after))).ToList();
            foreach (var (text, due) in occurrences.Value.Except(ahead).Where(o => after is null || o.Due > after))
            {
                Journal(timerNode.Id, JournalKind.NoticeSkipped, $"{timerNode.Label}: «{text}» vencía el {Moment(due)}, ya había pasado; no se programa");
            }
            if (ahead.Count == 0)
            {
                return true;
            }
            var (rule, dueAt) = ahead[0];
            var active = new ActiveTimer($"t{++_sequence}", timerNode.Id, token.Id, dueAt, rule);
            _timers.Add(active);
            Effects.Add(new ScheduleTimer(active));
            Journal(timerNode.Id, JournalKind.TimerScheduled, $"{timerNode.Label}: «{rule}» vence el {Moment(dueAt)}");
            return true;
        }

        private void ChooseFlow(Token token, ExclusiveGateway gateway)
        {
            var outgoing = definition.Outgoing(gateway.Id);
            var chosen = outgoing.FirstOrDefault(f => f.Id != gateway.DefaultFlow && f.Condition is { } c && c.Evaluate(_variables))
                ?? outgoing.FirstOrDefault(f => f.Id == gateway.DefaultFlow)
                ?? (outgoing.Count == 1 && outgoing[0].Condition is null ? outgoing[0] : null);
            if (chosen is null)
            {
                Block(token with { NodeId = gateway.Id }, $"{gateway.Label}: ningún flujo de salida cumple su condición y no hay flujo por defecto");
                return;
            }
            Journal(gateway.Id, JournalKind.Decision, $"{gateway.Label}: sigue por {chosen.Name ?? chosen.Id}");
            Follow(token, chosen);
        }

        private void Join(Token token, ParallelGateway gateway)
        {
            var incoming = definition.Incoming(gateway.Id);
            if (incoming.Count <= 1)
            {
                Leave(token, gateway);
                return;
            }
            _tokens.Add(token with { NodeId = gateway.Id, Wait = TokenWait.Join });
            var waiting = _tokens.Where(t => t.NodeId == gateway.Id && t.Wait == TokenWait.Join).ToList();
            var oneByFlow = incoming.Select(f => waiting.Find(t => t.ArrivedBy == f.Id)).ToList();
            if (oneByFlow.Any(t => t is null))
            {
                return;
            }
            foreach (var arrived in oneByFlow)
            {
                _tokens.Remove(arrived!);
            }
            Journal(gateway.Id, JournalKind.Join, $"{gateway.Label}: llegaron todas las ramas");
            Leave(NewToken(gateway.Id), gateway);
        }

        /// <summary>The token leaves its node by every outgoing flow: itself by the first, new tokens by the others.</summary>
        private void Leave(Token token, FlowNode node)
        {
            _tokens.RemoveAll(t => t.Id == token.Id);
            var outgoing = definition.Outgoing(node.Id);
            for (int i = 0; i < outgoing.Count; i++)
            {
                Follow(i == 0 ? token : NewToken(node.Id), outgoing[i]);
            }
        }

        private void Follow(Token token, SequenceFlow flow) =>
            Arrive(token with { NodeId = flow.Target, Wait = TokenWait.Join, Key = null, ArrivedBy = flow.Id }, definition.Node(flow.Target));

        private void Block(Token token, string reason)
        {
            _tokens.RemoveAll(t => t.Id == token.Id);
            _tokens.Add(token with { Wait = TokenWait.Incident, Key = reason });
            Effects.Add(new RaiseIncident(token.Id, token.NodeId, reason));
            Journal(token.NodeId, JournalKind.Incident, reason);
        }

        /// <summary>What a handler sees: the variables, plus the recorded event dates under <see cref="InstanceVariables.Events"/>.</summary>
        private JsonObject HandlerVariables()
        {
            var snapshot = (JsonObject)_variables.DeepClone();
            var events = new JsonObject();
            foreach (var (name, date) in _events)
            {
                events[name] = date.ToString("yyyy-MM-dd", null);
            }
            snapshot[InstanceVariables.Events] = events;
            return snapshot;
        }

        private Token NewToken(string nodeId) => new($"k{++_sequence}", nodeId, TokenWait.Join);

        private void Journal(string? activity, JournalKind kind, string details) => Effects.Add(new JournalLine(activity, kind, details));
    }
}
