using NodaTime;

namespace Focalizacion.Runtime.Persistence;

/// <summary>An effect to deliver, written in the same transaction as the step that asked for it.</summary>
public sealed class OutboxRow
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string IdempotencyKey { get; set; }

    public required string Handler { get; set; }

    public required string NodeId { get; set; }

    public required string Payload { get; set; }

    public OutboxState State { get; set; }

    public int Attempts { get; set; }

    public Instant NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public Instant? LastErrorAt { get; set; }

    /// <summary>What the handler returned (JSON) when it succeeded while the instance was suspended: applied once it is resumed.</summary>
    public string? Result { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? DeliveredAt { get; set; }
}
