using System.Text.Json;

namespace Focalizacion.Documents.Catalogos;

/// <summary>
/// The options of the perfil de clientes (<c>Data/perfil-clientes.json</c>): género, etnia and rango
/// etario, each with <see cref="NoDistinction"/> first.
/// </summary>
public static class ClientProfiles
{
    /// <summary>The option that does not restrict ("Sin distinción").</summary>
    public static string NoDistinction => Genders[0];

    public static IReadOnlyList<string> Genders { get; }

    public static IReadOnlyList<string> Ethnicities { get; }

    public static IReadOnlyList<string> AgeRanges { get; }

    static ClientProfiles()
    {
        using var stream = EmbeddedData.Open("perfil-clientes.json");
        using var json = JsonDocument.Parse(stream);
        static List<string> List(JsonElement root, string name) => [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
        Genders = List(json.RootElement, "genero");
        Ethnicities = List(json.RootElement, "etnia");
        AgeRanges = List(json.RootElement, "rangoEtario");
    }

    /// <summary>The option of <paramref name="options"/> that <paramref name="text"/> names (case and accents aside); null when none ("todos" counts as «Sin distinción»).</summary>
    public static string? Find(IReadOnlyList<string> options, string text)
    {
        var key = TextMatch.Key(text);
        if (key is "todos" or "todas")
        {
            return NoDistinction;
        }
        return options.FirstOrDefault(o => TextMatch.Key(o) == key);
    }
}
