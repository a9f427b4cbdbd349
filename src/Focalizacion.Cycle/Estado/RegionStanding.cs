using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Engine.Execution;

namespace Focalizacion.Cycle.Estado;

/// <summary>Where one region's cycle for a budget year stands: the audit view.</summary>
/// <param name="Region">The region.</param>
/// <param name="InstanceId">Its cycle's instance; null when the cycle was never started.</param>
/// <param name="Status">The instance's status; null without an instance.</param>
/// <param name="WaitingAt">The workflow elements its tokens wait at.</param>
/// <param name="Milestones">Each Decreto 246 milestone, in legal order.</param>
/// <param name="Oficios">The oficios of this cycle, sent or still pending, oldest first.</param>
/// <param name="Outcome">How the cycle ended, if it has.</param>
/// <param name="OpenIncidents">Open incidents: "elemento: motivo".</param>
public sealed record RegionStanding(
    Region Region,
    Guid? InstanceId,
    InstanceStatus? Status,
    IReadOnlyList<string> WaitingAt,
    IReadOnlyList<MilestoneStanding> Milestones,
    IReadOnlyList<OficioStanding> Oficios,
    OutcomeRecord? Outcome,
    IReadOnlyList<string> OpenIncidents)
{
    /// <summary>The workflow definition its instance runs (the version it started with, or was migrated to); null without an instance.</summary>
    public long? DefinitionId { get; init; }
}
