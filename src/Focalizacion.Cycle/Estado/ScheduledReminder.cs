using NodaTime;

namespace Focalizacion.Cycle.Estado;

/// <summary>A reminder a cycle's instance has scheduled: a pending timer of a reminder series (<c>timeCycle</c>).</summary>
/// <param name="Milestone">The milestone whose deadline it reminds of ("focalizacion-final").</param>
/// <param name="Description">What is due, in Spanish.</param>
/// <param name="TimerNodeId">The workflow's timer element ("RecordatoriosFinal").</param>
/// <param name="Rule">The rule the moment was computed from ("7 días antes del plazo focalizacion-final, a las 09:00").</param>
/// <param name="At">When it goes out.</param>
public sealed record ScheduledReminder(string Milestone, string Description, string TimerNodeId, string Rule, Instant At);
