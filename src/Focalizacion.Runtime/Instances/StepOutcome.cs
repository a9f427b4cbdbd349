namespace Focalizacion.Runtime.Instances;

/// <summary>What happened to an event delivered to an instance: applied, or refused with a Spanish reason (nothing changed).</summary>
public sealed record StepOutcome(Guid InstanceId, bool Applied, string? Refusal);
