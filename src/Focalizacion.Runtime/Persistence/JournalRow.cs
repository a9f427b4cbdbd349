using NodaTime;

namespace Focalizacion.Runtime.Persistence;

/// <summary>One line of the append-only journal: who or what did what, and when by the injected clock.</summary>
public sealed class JournalRow
{
    public long Id { get; set; }

    public Guid? InstanceId { get; set; }

    public Instant At { get; set; }

    /// <summary>Who (<see cref="Runtime.Actor.Name"/>).</summary>
    public required string Actor { get; set; }

    /// <summary>Through what (<see cref="Runtime.Actor.ViaText"/>); null on lines written before it was recorded.</summary>
    public string? Via { get; set; }

    public required string Kind { get; set; }

    public string? Activity { get; set; }

    public string? Event { get; set; }

    public required string Details { get; set; }
}
