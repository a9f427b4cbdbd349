using Focalizacion.Runtime;
using Focalizacion.Runtime.Access;
using NodaTime;

namespace Focalizacion.Access.Users;

/// <summary>A user of the service: who (e-mail, name, RUN), what role and, for a regional role, which region.</summary>
public sealed record User(long Id, string Email, string Name, string? Run, Role Role, string? Region, bool Active, Instant CreatedAt)
{
    /// <summary>The regions this user sees (<see cref="RegionScope"/>, what row-level security is given).</summary>
    public RegionScope Scope => Role.Regional ? RegionScope.Of(Region!) : RegionScope.All;

    public bool May(Capability capability) => AccessPolicy.May(Role, capability);

    /// <summary>Whether this user sees <paramref name="region"/>'s data.</summary>
    public bool Sees(string region) => Scope.Includes(region);

    /// <summary>The journal's actor for this user acting through <paramref name="via"/>, from <paramref name="address"/> when over HTTP.</summary>
    public Actor AsActor(ActorChannel via, string? address = null) =>
        new(Email, via) { Role = Role.Name, Region = Region, Address = address };
}
