namespace Focalizacion.Cycle.Simulation;

/// <summary>What a simulation produced: the timeline, and how much work it took.</summary>
/// <param name="Timeline">Everything that happened, sorted by time.</param>
/// <param name="Emails">Messages delivered (oficios, reminders and notices).</param>
/// <param name="Incidents">Open incidents at the end: effects that kept failing, for an operator.</param>
public sealed record SimulationResult(IReadOnlyList<TimelineEntry> Timeline, int Emails, IReadOnlyList<string> Incidents);
