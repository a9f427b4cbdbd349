namespace Focalizacion.Calendar.Plazos;

/// <summary>The Spanish words of the plazo-rule language: ordinals and months, matched without case or accents.</summary>
internal static class PlazoVocabulary
{
    private static readonly Dictionary<string, int> Ordinals = new()
    {
        ["primer"] = 1,
        ["primero"] = 1,
        ["segundo"] = 2,
        ["tercer"] = 3,
        ["tercero"] = 3,
        ["cuarto"] = 4,
        ["quinto"] = 5,
        ["sexto"] = 6,
        ["septimo"] = 7,
        ["octavo"] = 8,
        ["noveno"] = 9,
        ["decimo"] = 10,
        ["ultimo"] = -1,
        ["penultimo"] = -2,
    };

    private static readonly string[] OrdinalWords =
        ["primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno", "décimo"];

    /// <summary>
    /// The ordinal of a normalized word ("primer" → 1, "ultimo" → −1), or of "5°"/"5º" (read as
    /// <see cref="Number"/>, so its range is the caller's to check); null if none.
    /// </summary>
    public static int? Ordinal(string normalized)
    {
        if (Ordinals.TryGetValue(normalized, out var n))
        {
            return n;
        }
        var digits = normalized.TrimEnd('°', 'º');
        return digits.Length < normalized.Length ? Number(digits) : null;
    }

    /// <summary>
    /// A number written in ASCII digits without sign, or null. One of more than nine digits is
    /// <see cref="int.MaxValue"/>: larger than every bound, and never an overflow.
    /// </summary>
    public static int? Number(string word)
    {
        if (word.Length == 0 || !word.All(char.IsAsciiDigit))
        {
            return null;
        }
        return word.Length > 9 ? int.MaxValue : int.Parse(word, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The word for an ordinal: "primer", "último", or "11°" past ten.</summary>
    public static string OrdinalText(int n) => n switch
    {
        -1 => "último",
        -2 => "penúltimo",
        >= 1 and <= 10 => OrdinalWords[n - 1],
        _ => $"{n}°",
    };

    /// <summary>The month number of a normalized month name, or null.</summary>
    public static int? Month(string normalized)
    {
        for (int i = 0; i < 12; i++)
        {
            if (Normalize(Spanish.MonthName(i + 1)) == normalized)
            {
                return i + 1;
            }
        }
        return normalized == "setiembre" ? 9 : null;
    }

    /// <summary>Lower case without accents, so "Día Hábil" and "dia habil" read the same.</summary>
    public static string Normalize(string word) => Spanish.FoldToAscii(word);
}
