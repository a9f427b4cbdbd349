using Focalizacion.Runtime.Instances;

namespace Focalizacion.Cycle.Events;

/// <summary>What recording a cycle event did: applied to the region's cycle, or refused with a Spanish reason (nothing changed).</summary>
/// <param name="InstanceId">The cycle's instance; empty when none was reached.</param>
/// <param name="Applied">Whether the cycle took the event.</param>
/// <param name="Refusal">Why not, in Spanish.</param>
/// <param name="BadInput">
/// The request itself was wrong (an unknown region or event, data the event does not take or a
/// value it refuses): its sender must correct it (the CLI exits 2, an API answers 400). False when a
/// well-formed event was not taken (no cycle for that region and year, or it does not wait for it).
/// </param>
public sealed record CycleEventOutcome(Guid InstanceId, bool Applied, string? Refusal, bool BadInput)
{
    internal static CycleEventOutcome Of(StepOutcome step) => new(step.InstanceId, step.Applied, step.Refusal, false);

    internal static CycleEventOutcome Rejected(string reason) => new(Guid.Empty, false, reason, true);
}
