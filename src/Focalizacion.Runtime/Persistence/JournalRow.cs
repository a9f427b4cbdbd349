using NodaTime;

namespace Focalizacion.Runtime.Persistence;

/// <summary>One line of the append-only journal: who or what did what, and when by the injected clock.</summary>
public sealed class JournalRow
{
    public long Id { get; set; }

    public Guid? InstanceId { get; set; }

    public Instant At { get; set; }

    /// <summary>Who (<see cref="Runtime.Actor.Name"/>).</summary>
    public string Actor { get; set; } = "";

    /// <summary>Through what (<see cref="Runtime.Actor.ViaText"/>); null on lines written before it was recorded.</summary>
    public string? Via { get; set; }

    /// <summary>The authenticated user's role, for lines from the API, the web or the CLI acting as a user.</summary>
    public string? ActorRole { get; set; }

    /// <summary>The authenticated user's region, for a regional role.</summary>
    public string? ActorRegion { get; set; }

    /// <summary>The client's address, for lines from HTTP.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>Stamps who acted: <see cref="Actor"/>, <see cref="Via"/>, role, region and address, all from one <see cref="Runtime.Actor"/>.</summary>
    public Runtime.Actor By
    {
        init
        {
            Actor = value.Name;
            Via = value.ViaText;
            ActorRole = value.Role;
            ActorRegion = value.Region;
            ClientAddress = value.Address;
        }
    }

    public required string Kind { get; set; }

    public string? Activity { get; set; }

    public string? Event { get; set; }

    public required string Details { get; set; }
}
