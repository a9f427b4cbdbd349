using NodaTime;

namespace Focalizacion.Calendar.Regions;

/// <summary>
/// One of Chile's 16 regions, whose Gobierno Regional (GORE) runs its own focalización cycle.
/// </summary>
/// <remarks>
/// Legal dates of a region are local dates in <see cref="Zone"/>: the zone of the GORE's seat.
/// Aysén (America/Coyhaique) and Magallanes (America/Punta_Arenas) keep UTC−3 all year; the
/// other 14 regions follow mainland time (America/Santiago), with its daylight-saving changes.
/// </remarks>
public sealed class Region
{
    internal Region(string cut, string isoSuffix, string name, string officialName, string seat, DateTimeZone zone)
    {
        Cut = cut;
        IsoSuffix = isoSuffix;
        Name = name;
        OfficialName = officialName;
        Seat = seat;
        Zone = zone;
        Slug = Slugs.From(name);
    }

    /// <summary>Código Único Territorial, two digits ("16" for Ñuble, "01" for Tarapacá).</summary>
    public string Cut { get; }

    /// <summary>The ISO 3166-2 subdivision suffix ("NB").</summary>
    public string IsoSuffix { get; }

    /// <summary>The full ISO 3166-2 code ("CL-NB").</summary>
    public string IsoCode => "CL-" + IsoSuffix;

    /// <summary>Short name ("Ñuble").</summary>
    public string Name { get; }

    /// <summary>Official name ("Región de Ñuble").</summary>
    public string OfficialName { get; }

    /// <summary>The regional capital, where the GORE sits.</summary>
    public string Seat { get; }

    /// <summary>Lower-case ASCII form of <see cref="Name"/> ("nuble", "arica-y-parinacota").</summary>
    public string Slug { get; }

    /// <summary>The IANA time zone whose local days are this region's legal days.</summary>
    public DateTimeZone Zone { get; }

    public override string ToString() => $"{OfficialName} ({IsoCode})";
}
