using System.Text.Json;

namespace Focalizacion.Documents.Catalogos;

/// <summary>One section of the CIIU4.CL 2012 classifier ("A", "Agricultura, ganadería, silvicultura y pesca").</summary>
public sealed record Sector(string Code, string Name)
{
    /// <summary>How the template's drop-down and the exports write it: "A - Agricultura, ganadería, silvicultura y pesca".</summary>
    public string Label => $"{Code} - {Name}";
}

/// <summary>
/// The economic sectors a line may target: the 21 sections of CIIU4.CL 2012 as used by the SII
/// (<c>Data/sectores.json</c>). A cell names them by code, name or label, separated by «;».
/// </summary>
public static class Sectors
{
    /// <summary>What a cell says for every section at once.</summary>
    public const string AllLabel = "Todos los sectores";

    public static IReadOnlyList<Sector> All { get; } = Load();

    private static readonly Dictionary<string, Sector> ByKey = BuildIndex();

    /// <summary>The section a code, name or label names; null when none.</summary>
    public static Sector? Find(string text) => ByKey.GetValueOrDefault(TextMatch.Key(text));

    /// <summary>Whether the codes are all 21 sections (written as <see cref="AllLabel"/>).</summary>
    public static bool AreAll(IReadOnlyCollection<string> codes) => codes.Count == All.Count && All.All(s => codes.Contains(s.Code));

    private static List<Sector> Load()
    {
        using var stream = EmbeddedData.Open("sectores.json");
        using var json = JsonDocument.Parse(stream);
        return [.. json.RootElement.EnumerateArray().Select(e => new Sector(e.GetProperty("codigo").GetString()!, e.GetProperty("nombre").GetString()!))];
    }

    private static Dictionary<string, Sector> BuildIndex()
    {
        var index = new Dictionary<string, Sector>(StringComparer.Ordinal);
        foreach (var sector in All)
        {
            index[TextMatch.Key(sector.Code)] = sector;
            index[TextMatch.Key(sector.Name)] = sector;
            index[TextMatch.Key(sector.Label)] = sector;
        }
        return index;
    }
}
