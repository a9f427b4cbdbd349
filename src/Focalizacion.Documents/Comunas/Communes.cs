using Focalizacion.Calendar;
using Focalizacion.Calendar.Regions;
using Focalizacion.Documents.Catalogos;

namespace Focalizacion.Documents.Comunas;

/// <summary>
/// Chile's 346 communes by region (<c>Data/comunas-cut.csv</c>): look-up by CUT or by name (case and
/// accents aside), with suggestions for a near miss and the region of a commune from elsewhere.
/// </summary>
public static class Communes
{
    public static IReadOnlyList<Commune> All { get; } = Load();

    private static readonly Dictionary<string, Commune> ByCut = All.ToDictionary(c => c.Cut, StringComparer.Ordinal);

    private static readonly Dictionary<string, Commune> ByName = All.ToDictionary(c => TextMatch.Key(c.Name), StringComparer.Ordinal);

    private static readonly Dictionary<string, IReadOnlyList<Commune>> ByRegion =
        All.GroupBy(c => c.Region).ToDictionary(g => g.Key, g => (IReadOnlyList<Commune>)[.. g], StringComparer.Ordinal);

    /// <summary>The region's communes in CUT order (empty for an unknown region suffix).</summary>
    public static IReadOnlyList<Commune> OfRegion(string regionIsoSuffix) => ByRegion.GetValueOrDefault(regionIsoSuffix, []);

    /// <summary>The commune with this five-digit CUT, if any.</summary>
    public static Commune? ByCode(string cut) => ByCut.GetValueOrDefault(cut);

    /// <summary>What <paramref name="typed"/> (a name or a CUT) is, seen from <paramref name="regionIsoSuffix"/>.</summary>
    public static CommuneMatch Resolve(string regionIsoSuffix, string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var text = typed.Trim();
        var commune = text.Length > 0 && text.All(char.IsAsciiDigit)
            ? ByCut.GetValueOrDefault(text.PadLeft(5, '0'))
            : ByName.GetValueOrDefault(TextMatch.Key(text));
        if (commune is not null)
        {
            return commune.Region == regionIsoSuffix ? new CommuneMatch.Found(commune) : new CommuneMatch.OtherRegion(commune);
        }
        return new CommuneMatch.Unknown(TextMatch.Suggest(text, OfRegion(regionIsoSuffix).Select(c => c.Name)));
    }

    /// <summary>
    /// The Spanish sentence for a match that is not of the region ("la comuna «Chillán Vieja» no es de
    /// la Región de Ñuble; ¿quiso decir «Chillán Viejo»?"); null for a commune of the region.
    /// </summary>
    public static string? Problem(string regionIsoSuffix, string typed, CommuneMatch match)
    {
        var region = RegionRegistry.ByIsoSuffix(regionIsoSuffix).OfficialName;
        return match switch
        {
            CommuneMatch.Found => null,
            CommuneMatch.OtherRegion other =>
                $"la comuna {Spanish.Quote(other.Commune.Name)} es de la {RegionRegistry.ByIsoSuffix(other.Commune.Region).OfficialName}, no de la {region}",
            CommuneMatch.Unknown unknown => $"la comuna {Spanish.Quote(typed.Trim())} no es de la {region}{TextMatch.DidYouMean(unknown.Suggestions)}",
            _ => throw new ArgumentOutOfRangeException(nameof(match)),
        };
    }

    private static List<Commune> Load()
    {
        using var reader = new StreamReader(EmbeddedData.Open("comunas-cut.csv"));
        var communes = new List<Commune>();
        reader.ReadLine(); // header: cut_comuna;comuna;cut_provincia;provincia;cut_region;region_iso
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var f = line.Split(';');
            communes.Add(new Commune(f[0], f[1], f[2], f[3], f[5]));
        }
        return communes;
    }
}
