using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Plazos;
using NodaTime;

namespace Focalizacion.Cycle.Estado;

/// <summary>Where one milestone of one region's cycle stands.</summary>
/// <param name="Milestone">The Decreto 246 milestone.</param>
/// <param name="Deadline">Its deadline for this region and year; null while it counts from an event not yet recorded.</param>
/// <param name="DoneOn">When it was done, if it was.</param>
/// <param name="DoneHow">Spanish: how we know ("evento registrado", "registrado al iniciar", "oficio N° 4/2026 enviado").</param>
/// <param name="OverdueWithoutRecord">The deadline passed and nothing records it.</param>
/// <param name="FlaggedAtStart">The cycle started after its deadline with nothing recorded: flagged, never sent late.</param>
public sealed record MilestoneStanding(CycleMilestone Milestone, Plazo? Deadline, LocalDate? DoneOn, string? DoneHow, bool OverdueWithoutRecord, bool FlaggedAtStart)
{
    /// <summary>The first day of its legal window, when it has one ("durante la primera quincena de marzo").</summary>
    public Plazo? WindowStart { get; init; }

    /// <summary>Done, but after its deadline's date.</summary>
    public bool Late => DoneOn is { } on && Deadline is { } deadline && on > deadline.Date;
}
