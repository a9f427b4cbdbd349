using NodaTime;

namespace Focalizacion.Runtime.Persistence;

/// <summary>An effect of the built-in "registrar" handler, once per idempotency key.</summary>
public sealed class LedgerRow
{
    public required string IdempotencyKey { get; set; }

    public Guid InstanceId { get; set; }

    public required string NodeId { get; set; }

    public required string Handler { get; set; }

    public Instant RecordedAt { get; set; }

    public int Deliveries { get; set; }
}
