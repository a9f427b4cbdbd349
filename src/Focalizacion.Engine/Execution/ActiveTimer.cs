using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>A scheduled timer of an instance: a catch event's, or a boundary event's on a waiting token.</summary>
/// <param name="Id">Unique within the instance ("t3").</param>
/// <param name="NodeId">The timer event (catch or boundary) node.</param>
/// <param name="TokenId">The waiting token it belongs to.</param>
/// <param name="DueAt">When it fires: never before.</param>
/// <param name="Rule">The timer text it was computed from, kept with it for audit.</param>
public sealed record ActiveTimer(string Id, string NodeId, string TokenId, Instant DueAt, string Rule);
