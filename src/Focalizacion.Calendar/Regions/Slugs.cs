using System.Text;

namespace Focalizacion.Calendar.Regions;

/// <summary>Turns Spanish names into lower-case ASCII slugs ("Región de Ñuble" → "region-de-nuble").</summary>
internal static class Slugs
{
    public static string From(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in Spanish.FoldToAscii(text))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (c is not ('\'' or '’') && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        return builder.ToString().TrimEnd('-');
    }
}
