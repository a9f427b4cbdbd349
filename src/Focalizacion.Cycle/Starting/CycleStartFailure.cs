using Focalizacion.Calendar.Regions;

namespace Focalizacion.Cycle.Starting;

/// <summary>A region whose cycle could not start, with the exception that said why (for the log).</summary>
public sealed record CycleStartFailure(Region Region, Exception Failure);
