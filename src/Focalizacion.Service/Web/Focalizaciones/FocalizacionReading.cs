using Focalizacion.Access.Users;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;

namespace Focalizacion.Service.Web.Focalizaciones;

/// <summary>
/// What the focalización pages read of a region's budget year, in one scoped reading: every version
/// submitted (preliminary first, oldest first), the events its cycle waits for now, and the names of
/// those who submitted them.
/// </summary>
internal sealed record FocalizacionReading(IReadOnlyList<FocalizacionVersion> Versions, IReadOnlyList<CycleEvent> Awaited, IReadOnlyDictionary<string, ActorName> Submitters)
{
    public static Task<FocalizacionReading> ReadAsync(ApiDatabase database, HolidayCalendar calendar, User caller, Region region, int budgetYear, CancellationToken cancellationToken) =>
        database.ReadAsync(caller, async () =>
        {
            var standing = await new CycleStandings(database.Runtime, calendar).ReadAsync(region, budgetYear, cancellationToken);
            var awaited = await CycleActions.AwaitedAsync(database.Runtime, standing, cancellationToken);
            var versions = await database.Focalizaciones.ListAsync(region.IsoSuffix, budgetYear, cancellationToken);
            var submitters = await ActorNames.ReadAsync(database, versions.Select(v => v.SubmittedBy), cancellationToken);
            return new FocalizacionReading(versions, awaited, submitters);
        }, cancellationToken);

    /// <summary>Who submitted <paramref name="version"/>, by name.</summary>
    public ActorName SubmitterOf(FocalizacionVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return ActorNames.Of(Submitters, version.SubmittedBy);
    }

    /// <summary>Whether the cycle waits now for <paramref name="eventName"/>.</summary>
    public bool Awaits(string eventName) => Awaited.Any(e => e.Name == eventName);
}
