using NodaTime;

namespace Focalizacion.Runtime.Persistence;

/// <summary>A timer as data: its rule, its computed due instant and its state. A job only wakes it up.</summary>
public sealed class TimerRow
{
    public long Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string TimerId { get; set; }

    public required string NodeId { get; set; }

    public required string Rule { get; set; }

    public Instant DueAt { get; set; }

    public TimerState State { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? FiredAt { get; set; }

    public Duration? Lateness { get; set; }
}
