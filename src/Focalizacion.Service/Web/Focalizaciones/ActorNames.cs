using Focalizacion.Service.Access;

namespace Focalizacion.Service.Web.Focalizaciones;

/// <summary>Who did something, as a page names it: a person by its name in the users table, with its e-mail beside.</summary>
/// <param name="Name">The person's name; for anyone the users table does not know, the actor as recorded.</param>
/// <param name="Email">The person's e-mail; null when not a known user.</param>
internal sealed record ActorName(string Name, string? Email);

/// <summary>
/// Turns the actors that one-column records keep (<c>Actor.ToString()</c>: "ana@gore.cl (web)") into
/// the names people read, looked up once per actor in the users table.
/// </summary>
internal static class ActorNames
{
    /// <summary>The name of each of <paramref name="actors"/>, by the actor as recorded.</summary>
    public static async Task<IReadOnlyDictionary<string, ActorName>> ReadAsync(ApiDatabase database, IEnumerable<string> actors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var names = new Dictionary<string, ActorName>(StringComparer.Ordinal);
        foreach (var actor in actors.Distinct(StringComparer.Ordinal))
        {
            var open = actor.LastIndexOf(" (", StringComparison.Ordinal);
            var who = open > 0 && actor.EndsWith(')') ? actor[..open] : actor;
            names[actor] = who.Contains('@', StringComparison.Ordinal) && await database.Users.FindByEmailAsync(who, cancellationToken) is { } user
                ? new ActorName(user.Name, user.Email)
                : new ActorName(actor, null);
        }
        return names;
    }

    /// <summary>The name of <paramref name="actor"/> in <paramref name="names"/>; the actor as recorded when it was not looked up.</summary>
    public static ActorName Of(IReadOnlyDictionary<string, ActorName> names, string actor)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.GetValueOrDefault(actor) ?? new ActorName(actor, null);
    }
}
