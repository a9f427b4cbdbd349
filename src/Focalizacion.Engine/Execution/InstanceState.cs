using System.Collections.Immutable;
using System.Text.Json.Nodes;
using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// The whole execution state of one instance: what the store persists and the engine steps from.
/// Immutable: a step returns a new state, so a failed transaction leaves the old one untouched.
/// </summary>
/// <param name="Status">Life-cycle status.</param>
/// <param name="Tokens">Waiting tokens.</param>
/// <param name="Timers">Scheduled timers.</param>
/// <param name="Variables">Instance variables (JSON), read by conditions, plazo rules and handlers.</param>
/// <param name="Events">Recorded event dates by name (local dates in the region's zone), for plazo rules.</param>
/// <param name="Sequence">The last id handed out; ids come from it so the same inputs give the same ids.</param>
public sealed record InstanceState(
    InstanceStatus Status,
    ImmutableList<Token> Tokens,
    ImmutableList<ActiveTimer> Timers,
    JsonObject Variables,
    ImmutableSortedDictionary<string, LocalDate> Events,
    long Sequence)
{
    /// <summary>A new instance; <paramref name="events"/> are dates recorded before it started (a cycle started mid-year).</summary>
    public static InstanceState New(JsonObject variables, IReadOnlyDictionary<string, LocalDate>? events = null) =>
        new(InstanceStatus.Running, [], [], variables, (events ?? ImmutableSortedDictionary<string, LocalDate>.Empty).ToImmutableSortedDictionary(), 0);

    public bool IsFinished => Status is InstanceStatus.Completed or InstanceStatus.Cancelled;
}
