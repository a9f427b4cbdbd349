using Focalizacion.Calendar.Regions;

namespace Focalizacion.Cycle.Starting;

/// <summary>What starting one region's cycle did.</summary>
/// <param name="Region">The region.</param>
/// <param name="InstanceId">The new instance, or the one that already existed.</param>
/// <param name="AlreadyStarted">True when the region already had this budget year's cycle: nothing was started.</param>
/// <param name="OverdueWithoutRecord">Milestones whose deadline passed before the start with nothing recorded: flagged, never sent late.</param>
public sealed record CycleStart(Region Region, Guid InstanceId, bool AlreadyStarted, IReadOnlyList<string> OverdueWithoutRecord);
