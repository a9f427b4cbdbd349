using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Focalizacion.Cycle.Oficios;

/// <summary>
/// Renders an oficio as a PDF with PDFsharp: the letterhead (Gobierno de Chile, Sercotec, the issuing
/// office), the letter's text as its email has it, wrapped to the page and continued on as many A4
/// pages as it needs, the signature block of the issuer, and "OFICIO N° n/año · página i de n" at the
/// foot of each page. The fonts are embedded (<see cref="PdfFonts"/>).
/// </summary>
/// <remarks>
/// Deterministic: the creation date is the oficio's moment of issue and the document ID is derived
/// from its number and text, so rendering the same oficio again (a retried send) gives the same bytes.
/// </remarks>
public static partial class OficioPdf
{
    /// <summary>The media type of what <see cref="Render"/> returns.</summary>
    public const string MediaType = "application/pdf";

    /// <summary>The most pages an oficio may take; a text that needs more is refused (templates are bounded far below it).</summary>
    public const int MaxPages = 100;

    private const double Margin = 72;
    private const double TopMargin = 56;
    private const double FootMargin = 48;
    private const double BodySize = 10.5;
    private const double SmallSize = 8.5;
    private const string Sercotec = "Servicio de Cooperación Técnica — Sercotec";

    /// <summary>The PDF of <paramref name="letter"/>, written with <paramref name="fonts"/>.</summary>
    /// <exception cref="CycleException">A font file is missing, or the text needs more than <see cref="MaxPages"/> pages (in Spanish).</exception>
    public static byte[] Render(OficioLetter letter, PdfFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(fonts);
        var family = fonts.Family();
        // Unicode (Type0) fonts: any character the font has is shown and copied as itself, not only WinAnsi's.
        var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var body = new XFont(family, BodySize, XFontStyleEx.Regular, unicode);
        var bold = new XFont(family, BodySize, XFontStyleEx.Bold, unicode);
        var small = new XFont(family, SmallSize, XFontStyleEx.Regular, unicode);
        var smallBold = new XFont(family, SmallSize, XFontStyleEx.Bold, unicode);
        var page = new XSize(XUnit.FromMillimeter(210).Point, XUnit.FromMillimeter(297).Point);
        var width = page.Width - (2 * Margin);
        var title = $"OFICIO N° {letter.Number.Number}/{letter.Number.Year}";

        // Laid out first, so that each page's foot can say how many pages there are.
        var lines = new List<Line>();
        using (var measure = XGraphics.CreateMeasureContext(page, XGraphicsUnit.Point, XPageDirection.Downwards))
        {
            foreach (var paragraph in letter.Text.ReplaceLineEndings("\n").Replace('\t', ' ').TrimEnd().Split('\n'))
            {
                var font = paragraph.StartsWith("OFICIO N°", StringComparison.Ordinal) ? bold : body;
                lines.AddRange(Wrap(measure, paragraph.TrimEnd(), font, width).Select(text => new Line(text, font)));
            }
        }
        var signature = new[] { new Line("", body), new Line("", body), new Line("", body), new Line("", body) { Rule = true }, new Line(letter.Issuer, bold), new Line(Sercotec, body) };
        lines.AddRange(signature);

        var lineHeight = body.GetHeight() * 1.3;
        var letterhead = (3 * small.GetHeight() * 1.25) + 18;
        var firstCapacity = (int)((page.Height - TopMargin - letterhead - FootMargin - 24) / lineHeight);
        var capacity = (int)((page.Height - TopMargin - FootMargin - 24) / lineHeight);
        var pages = new List<List<Line>> { new() };
        foreach (var line in lines)
        {
            if (pages[^1].Count >= (pages.Count == 1 ? firstCapacity : capacity))
            {
                if (pages.Count == MaxPages)
                {
                    throw new CycleException($"El texto del {title} ocupa más de {MaxPages} páginas: no se genera su PDF.");
                }
                pages.Add([]);
            }
            pages[^1].Add(line);
        }

        using var document = new PdfDocument();
        var issued = letter.IssuedAt.ToDateTimeUtc();
        document.Info.Title = title;
        document.Info.Author = letter.Issuer;
        document.Info.Subject = $"{title} · {letter.Issuer}";
        document.Info.Creator = "Focalización Regional · Sercotec";
        document.Info.CreationDate = issued;
        document.Info.ModificationDate = issued;
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(title + "\n" + letter.Issuer + "\n" + letter.Text)))[..32];
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        for (var i = 0; i < pages.Count; i++)
        {
            var pdfPage = document.AddPage();
            pdfPage.Width = XUnit.FromPoint(page.Width);
            pdfPage.Height = XUnit.FromPoint(page.Height);
            using var graphics = XGraphics.FromPdfPage(pdfPage);
            var y = TopMargin;
            if (i == 0)
            {
                foreach (var (text, font) in new[] { ("GOBIERNO DE CHILE", smallBold), (Sercotec, small), (letter.Issuer, small) })
                {
                    graphics.DrawString(text, font, XBrushes.Black, new XPoint(Margin, y + small.GetHeight()));
                    y += small.GetHeight() * 1.25;
                }
                y += 6;
                graphics.DrawLine(new XPen(XColors.Black, 0.6), Margin, y, page.Width - Margin, y);
                y += 12;
            }
            foreach (var line in pages[i])
            {
                if (line.Rule)
                {
                    graphics.DrawLine(new XPen(XColors.Black, 0.5), Margin, y + (lineHeight / 2), Margin + 180, y + (lineHeight / 2));
                }
                else if (line.Text.Length > 0)
                {
                    graphics.DrawString(line.Text, line.Font, XBrushes.Black, new XPoint(Margin, y + line.Font.GetHeight()));
                }
                y += lineHeight;
            }
            var foot = $"{title} · página {i + 1} de {pages.Count}";
            var footWidth = graphics.MeasureString(foot, small).Width;
            graphics.DrawString(foot, small, XBrushes.Black, new XPoint((page.Width - footWidth) / 2, page.Height - FootMargin + small.GetHeight()));
        }
        StableSubsetTags(document);
        using var output = new MemoryStream();
        document.Save(output, false);
        var bytes = output.ToArray();
        StableXmpIds(bytes, id);
        return bytes;
    }

    /// <summary>
    /// PDFsharp tags each embedded font subset with six random letters ("TUHDVJ+DejaVuSans-Bold"); the
    /// PDF specification asks only that different subsets get different tags. Each tag is replaced by
    /// one derived from the font's name, the same in every rendering.
    /// </summary>
    private static void StableSubsetTags(PdfDocument document)
    {
        foreach (var dictionary in document.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            foreach (var key in new[] { "/BaseFont", "/FontName" })
            {
                if (dictionary.Elements.GetName(key) is { Length: > 8 } name && SubsetTag().IsMatch(name))
                {
                    var font = name[8..];
                    var hash = SHA256.HashData(Encoding.UTF8.GetBytes(font));
                    var tag = string.Concat(hash.Take(6).Select(b => (char)('A' + (b % 26))));
                    dictionary.Elements.SetName(key, $"/{tag}+{font}");
                }
            }
        }
    }

    /// <summary>
    /// PDFsharp writes random UUIDs as the XMP metadata's DocumentID and InstanceID, in a stream it
    /// leaves uncompressed and cannot be told otherwise. Each is overwritten in place, the same number
    /// of bytes, with a UUID derived from the document ID, so no offset of the file moves.
    /// </summary>
    private static void StableXmpIds(byte[] pdf, string id)
    {
        var uuid = Encoding.ASCII.GetBytes(new Guid(Convert.FromHexString(id)).ToString());
        foreach (var marker in new[] { "<xmpMM:DocumentID>uuid:", "<xmpMM:InstanceID>uuid:" })
        {
            var at = pdf.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker));
            if (at >= 0 && at + marker.Length + uuid.Length <= pdf.Length)
            {
                uuid.CopyTo(pdf, at + marker.Length);
            }
        }
    }

    [GeneratedRegex("^/[A-Z]{6}\\+")]
    private static partial Regex SubsetTag();

    /// <summary>One paragraph as lines that fit <paramref name="width"/>: broken between words, a word longer than a line broken where it must.</summary>
    private static IEnumerable<string> Wrap(XGraphics measure, string paragraph, XFont font, double width)
    {
        if (paragraph.Length == 0)
        {
            yield return "";
            yield break;
        }
        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (measure.MeasureString(candidate, font).Width <= width)
            {
                line.Clear().Append(candidate);
                continue;
            }
            if (line.Length > 0)
            {
                yield return line.ToString();
                line.Clear();
            }
            var rest = word;
            while (measure.MeasureString(rest, font).Width > width)
            {
                var fits = 1;
                while (fits < rest.Length && measure.MeasureString(rest[..(fits + 1)], font).Width <= width)
                {
                    fits++;
                }
                yield return rest[..fits];
                rest = rest[fits..];
            }
            line.Append(rest);
        }
        yield return line.ToString();
    }

    /// <summary>A line of the letter; a <see cref="Rule"/> is the signature's line, drawn instead of text.</summary>
    private sealed record Line(string Text, XFont Font)
    {
        public bool Rule { get; init; }
    }
}
