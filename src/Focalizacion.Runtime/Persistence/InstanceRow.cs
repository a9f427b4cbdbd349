using NodaTime;

namespace Focalizacion.Runtime.Persistence;

/// <summary>A workflow instance: pinned to one definition version, with its engine state as JSON.</summary>
public sealed class InstanceRow
{
    public Guid Id { get; set; }

    public long DefinitionId { get; set; }

    public required string Status { get; set; }

    /// <summary>What the host finds the instance by (the cycle: region and budget year, "NB/2027"); opaque to the engine.</summary>
    public string? CorrelationKey { get; set; }

    public required string State { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant UpdatedAt { get; set; }

    public long StepCount { get; set; }
}
