using System.Text;
using Focalizacion.Calendar;

namespace Focalizacion.Documents.Catalogos;

/// <summary>
/// How names typed by people are compared with the lists: case, accents, apostrophes and repeated
/// spaces do not matter; a near miss is suggested by edit distance.
/// </summary>
public static class TextMatch
{
    /// <summary>The comparison key: lower-case ASCII letters and digits, single spaces ("  O'Higgins " → "ohiggins").</summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in Spanish.FoldToAscii(text))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (c is not ('\'' or '’') && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>
    /// The candidates nearest to <paramref name="typed"/> (at most <paramref name="count"/>), among
    /// those within an edit distance of a quarter of its length (at least 2).
    /// </summary>
    public static IReadOnlyList<string> Suggest(string typed, IEnumerable<string> candidates, int count = 3)
    {
        var key = Key(typed);
        var limit = Math.Max(2, key.Length / 4);
        return [.. candidates
            .Select(c => (Name: c, Distance: Distance(key, Key(c))))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Name)];
    }

    /// <summary>"; ¿quiso decir «A» o «B»?", or empty when there is nothing near.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions) => suggestions.Count switch
    {
        0 => "",
        1 => $"; ¿quiso decir {Spanish.Quote(suggestions[0])}?",
        _ => $"; ¿quiso decir {string.Join(", ", suggestions.Take(suggestions.Count - 1).Select(Spanish.Quote))} o {Spanish.Quote(suggestions[^1])}?",
    };

    /// <summary>Levenshtein distance of two keys.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
