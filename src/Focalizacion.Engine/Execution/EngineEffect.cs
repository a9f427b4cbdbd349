using System.Text.Json.Nodes;
using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// Something a step asks the runtime to do, in the same transaction that saves the new state:
/// persist a timer row, cancel one, put a handler call in the outbox, open an incident.
/// </summary>
public abstract record EngineEffect;

/// <summary>Create the timer row (and wake-up job) for a new timer.</summary>
public sealed record ScheduleTimer(ActiveTimer Timer) : EngineEffect;

/// <summary>Mark a pending timer cancelled: its activity finished first.</summary>
public sealed record CancelTimer(string TimerId) : EngineEffect;

/// <summary>Write a handler call to the outbox; its key makes a retry idempotent.</summary>
/// <param name="Key">Idempotency key: instance, node and sequence ("…/Task_1/12").</param>
/// <param name="Handler">The named handler.</param>
/// <param name="NodeId">The service task.</param>
/// <param name="Settings">The task's extension settings (template, recipients…).</param>
/// <param name="Variables">A snapshot of the variables when the task started.</param>
public sealed record InvokeHandler(string Key, string Handler, string NodeId, IReadOnlyDictionary<string, string> Settings, JsonObject Variables) : EngineEffect;

/// <summary>Withdraw an outbox entry whose task was interrupted before delivery.</summary>
public sealed record WithdrawHandler(string Key) : EngineEffect;

/// <summary>Open an incident: a token cannot go on without an operator.</summary>
public sealed record RaiseIncident(string TokenId, string NodeId, string Reason) : EngineEffect;

/// <summary>A line for the append-only journal.</summary>
/// <param name="Activity">The node concerned, if any.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Details">Spanish details for auditors.</param>
public sealed record JournalLine(string? Activity, JournalKind Kind, string Details) : EngineEffect;

/// <summary>Record when a timer fired relative to its due instant (late timers say how late).</summary>
public sealed record TimerLateness(string TimerId, Duration Lateness) : EngineEffect;
