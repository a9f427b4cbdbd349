using NodaTime;

namespace Focalizacion.Runtime.Persistence;

/// <summary>A token that cannot go on without an operator: a failing handler, a timer rule that cannot be evaluated.</summary>
public sealed class IncidentRow
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string TokenId { get; set; }

    public required string NodeId { get; set; }

    public long? OutboxId { get; set; }

    public required string Reason { get; set; }

    public IncidentState State { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }
}
