using System.Globalization;
using System.Text;

namespace Focalizacion.Cli.Output;

/// <summary>
/// Text from an uploaded file (ids, conditions, timer values) made fit for one output line:
/// control characters and line separators are written escaped (<c>\n</c>, <c>\u001B</c>), so a
/// value can neither break "one line per problem" nor forge a line of its own or send terminal
/// escapes. JSON output escapes them anyway.
/// </summary>
internal static class OneLine
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }
        var line = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsEscape(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return line.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
