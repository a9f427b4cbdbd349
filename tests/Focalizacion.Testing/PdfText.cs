using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace Focalizacion.Testing;

/// <summary>A PDF's text read back with PdfPig, for asserting what an oficio's PDF says.</summary>
public static partial class PdfText
{
    /// <summary>The words of every page in order, separated by single spaces.</summary>
    public static string Words(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    /// <summary>Text with every run of whitespace as one space (wrapping a line moves its breaks).</summary>
    public static string Normalized(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
