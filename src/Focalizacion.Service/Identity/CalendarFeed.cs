using System.Globalization;
using System.Security.Cryptography;
using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Calendar.Regions;
using Focalizacion.Service.Access;
using Microsoft.AspNetCore.DataProtection;
using NodaTime;

namespace Focalizacion.Service.Identity;

/// <summary>
/// The address of a region's calendar feed that a calendar program (Outlook, Google Calendar)
/// subscribes to without a login: it carries a signed, expiring grant of one user for one region
/// (ASP.NET Core data protection), good only for reading that feed. The user must still be active
/// and see the region when the program fetches it: deactivating the user ends every feed of theirs.
/// </summary>
internal sealed class CalendarFeed(IDataProtectionProvider protection, IClock clock, ApiDatabase database)
{
    /// <summary>How long a feed address works; Mi cuenta gives a new one at any time.</summary>
    public static readonly Duration Lifetime = Duration.FromDays(366);

    /// <summary>The path of the feeds, under the API.</summary>
    public const string PathPrefix = "/api/v1/calendarios";

    private readonly IDataProtector _protector = protection.CreateProtector("Focalizacion.CalendarioIcs.v1");

    /// <summary>The feed's path for <paramref name="user"/> and <paramref name="region"/>, valid for <see cref="Lifetime"/>.</summary>
    public string PathFor(User user, Region region)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(region);
        var expires = (clock.GetCurrentInstant() + Lifetime).ToUnixTimeSeconds();
        return $"{PathPrefix}/{_protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{user.Id}:{region.IsoSuffix}:{expires}"))}.ics";
    }

    /// <summary>The user and region a feed's grant names, if it is authentic, unexpired, and the user still may read that region.</summary>
    public async Task<(User User, Region Region)?> OpenAsync(string grant, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = _protector.Unprotect(grant);
        }
        catch (CryptographicException)
        {
            return null;
        }
        if (text.Split(':') is not [var id, var code, var expires]
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var until)
            || clock.GetCurrentInstant() >= Instant.FromUnixTimeSeconds(until)
            || RegionRegistry.Find(code) is not { } region)
        {
            return null;
        }
        return await database.Users.FindByIdAsync(userId, cancellationToken) is { Active: true } user && user.May(Capability.Leer) && user.Sees(region.IsoSuffix)
            ? (user, region)
            : null;
    }
}
