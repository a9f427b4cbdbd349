namespace Focalizacion.Runtime;

/// <summary>Through what someone or something acted on the service.</summary>
public enum ActorChannel
{
    /// <summary>An operator's command line (<c>focalizacion …</c>).</summary>
    Cli,

    /// <summary>A program or person through the HTTP API.</summary>
    Api,

    /// <summary>A person in the web application.</summary>
    Web,

    /// <summary>A timer that fell due.</summary>
    Timer,

    /// <summary>The outbox delivering an effect.</summary>
    Outbox,

    /// <summary>A simulation in virtual time.</summary>
    Simulation,

    /// <summary>The service itself: at start-up (publishing the shipped workflow) and at each budget year's moment (starting its cycles).</summary>
    Service,
}

/// <summary>
/// Who did something, and through what: what the journal records of every line, and what every
/// operation that changes something is given. The HTTP API stamps it from the authenticated user.
/// </summary>
/// <param name="Name">Who: a person's user name, or the part of the service that acted.</param>
/// <param name="Via">Through what.</param>
public sealed record Actor(string Name, ActorChannel Via)
{
    public static Actor Timer { get; } = new("temporizador", ActorChannel.Timer);

    public static Actor Outbox { get; } = new("bandeja-de-salida", ActorChannel.Outbox);

    public static Actor Service { get; } = new("servicio", ActorChannel.Service);

    public static Actor Simulation { get; } = new("simulacion", ActorChannel.Simulation);

    public static Actor Cli(string name) => new(name, ActorChannel.Cli);

    /// <summary>The authenticated user's role (<c>gore</c>, <c>administrador</c>…); null for the service's own parts.</summary>
    public string? Role { get; init; }

    /// <summary>The authenticated user's region (ISO code), for a regional role.</summary>
    public string? Region { get; init; }

    /// <summary>The client's address, for an actor that came over HTTP.</summary>
    public string? Address { get; init; }

    /// <summary>The channel as stored (<c>journal.via</c>).</summary>
    public string ViaText => Via switch
    {
        ActorChannel.Cli => "cli",
        ActorChannel.Api => "api",
        ActorChannel.Web => "web",
        ActorChannel.Timer => "temporizador",
        ActorChannel.Outbox => "bandeja-de-salida",
        ActorChannel.Simulation => "simulacion",
        ActorChannel.Service => "servicio",
        _ => throw new InvalidOperationException($"Unknown channel {Via}."),
    };

    /// <summary>"ana (cli)": how one-column records (who published, who resolved) name the actor.</summary>
    public override string ToString() => $"{Name} ({ViaText})";
}
