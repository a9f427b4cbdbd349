using System.Collections.Frozen;
using NodaTime;

namespace Focalizacion.Calendar.Regions;

/// <summary>
/// The registry of Chile's 16 regions, north to south, and the look-up of a region by any of the
/// codes people use for it: ISO suffix ("NB" or "CL-NB"), CUT ("16"), or a name slug ("nuble").
/// </summary>
public static class RegionRegistry
{
    private static readonly IDateTimeZoneProvider Tzdb = DateTimeZoneProviders.Tzdb;
    private static readonly DateTimeZone Mainland = ChileanTime.Mainland;

    /// <summary>All 16 regions, north to south.</summary>
    public static IReadOnlyList<Region> All { get; } =
    [
        new("15", "AP", "Arica y Parinacota", "Región de Arica y Parinacota", "Arica", Mainland),
        new("01", "TA", "Tarapacá", "Región de Tarapacá", "Iquique", Mainland),
        new("02", "AN", "Antofagasta", "Región de Antofagasta", "Antofagasta", Mainland),
        new("03", "AT", "Atacama", "Región de Atacama", "Copiapó", Mainland),
        new("04", "CO", "Coquimbo", "Región de Coquimbo", "La Serena", Mainland),
        new("05", "VS", "Valparaíso", "Región de Valparaíso", "Valparaíso", Mainland),
        new("13", "RM", "Metropolitana de Santiago", "Región Metropolitana de Santiago", "Santiago", Mainland),
        new("06", "LI", "Libertador General Bernardo O'Higgins", "Región del Libertador General Bernardo O'Higgins", "Rancagua", Mainland),
        new("07", "ML", "Maule", "Región del Maule", "Talca", Mainland),
        new("16", "NB", "Ñuble", "Región de Ñuble", "Chillán", Mainland),
        new("08", "BI", "Biobío", "Región del Biobío", "Concepción", Mainland),
        new("09", "AR", "La Araucanía", "Región de La Araucanía", "Temuco", Mainland),
        new("14", "LR", "Los Ríos", "Región de Los Ríos", "Valdivia", Mainland),
        new("10", "LL", "Los Lagos", "Región de Los Lagos", "Puerto Montt", Mainland),
        new("11", "AI", "Aysén del General Carlos Ibáñez del Campo", "Región de Aysén del General Carlos Ibáñez del Campo", "Coyhaique", Tzdb["America/Coyhaique"]),
        new("12", "MA", "Magallanes y de la Antártica Chilena", "Región de Magallanes y de la Antártica Chilena", "Punta Arenas", Tzdb["America/Punta_Arenas"]),
    ];

    /// <summary>Short slugs people type besides the full-name slug.</summary>
    private static readonly (string Alias, string IsoSuffix)[] Aliases =
    [
        ("arica", "AP"), ("metropolitana", "RM"), ("santiago", "RM"), ("ohiggins", "LI"),
        ("libertador-bernardo-ohiggins", "LI"), ("araucania", "AR"), ("aysen", "AI"), ("magallanes", "MA"),
    ];

    private static readonly FrozenDictionary<string, Region> ByCode = BuildIndex();

    /// <summary>Finds a region by ISO suffix or code, CUT (with or without leading zero) or slug; case and accents do not matter.</summary>
    public static Region? Find(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ByCode.GetValueOrDefault(Slugs.From(code.Trim()));
    }

    /// <summary>The region with this ISO suffix; a caller mistake if there is none.</summary>
    public static Region ByIsoSuffix(string isoSuffix) =>
        All.SingleOrDefault(r => r.IsoSuffix == isoSuffix)
        ?? throw new ArgumentException($"No region has ISO suffix '{isoSuffix}'.", nameof(isoSuffix));

    private static FrozenDictionary<string, Region> BuildIndex()
    {
        var index = new Dictionary<string, Region>();
        foreach (var region in All)
        {
            index[Slugs.From(region.IsoSuffix)] = region;
            index[Slugs.From(region.IsoCode)] = region;
            index[region.Cut] = region;
            index[region.Cut.TrimStart('0')] = region;
            index[region.Slug] = region;
            index[Slugs.From(region.OfficialName)] = region;
        }
        foreach (var (alias, suffix) in Aliases)
        {
            index[alias] = All.Single(r => r.IsoSuffix == suffix);
        }
        return index.ToFrozenDictionary();
    }
}
