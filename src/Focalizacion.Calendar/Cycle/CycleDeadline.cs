using Focalizacion.Calendar.Plazos;

namespace Focalizacion.Calendar.Cycle;

/// <summary>A milestone evaluated for one region and budget year.</summary>
/// <param name="Milestone">The milestone.</param>
/// <param name="Plazo">Its deadline.</param>
/// <param name="WindowStart">The first day of its legal window, when it has one.</param>
public sealed record CycleDeadline(CycleMilestone Milestone, Plazo Plazo, Plazo? WindowStart);
