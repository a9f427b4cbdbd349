using Focalizacion.Cycle.Oficios;
using Focalizacion.Testing;
using NodaTime;
using UglyToad.PdfPig;

namespace Focalizacion.Cycle.Tests.Oficios;

public sealed class OficioPdfTests
{
    private static readonly Instant Issued = Instant.FromUtc(2026, 12, 2, 13, 0);

    private const string Text = """
        OFICIO N° 7/2026
        Gerencia General de Sercotec
        Santiago, miércoles 2 de diciembre de 2026

        A:
        Señora Gobernadora Regional de Ñuble
        Gobernador(a) Regional

        Por medio del presente, Sercotec informa los montos preliminares del año presupuestario 2027 para la Región de Ñuble: año, niño, acción, canción.

        Saluda atentamente,
        Gerencia General de Sercotec
        """;

    private static OficioLetter Letter(string text = Text) => new(new OficioNumber(7, 2026), "Gerencia General de Sercotec", Issued, text);

    [Test]
    public void The_pdf_has_the_letterhead_the_letter_s_text_with_accents_and_the_signature_block()
    {
        var bytes = OficioPdf.Render(Letter(), PdfFonts.DejaVu);

        using var pdf = PdfDocument.Open(bytes);
        var text = PdfText.Words(bytes);
        Assert.That(text, Does.Contain("GOBIERNO DE CHILE").And.Contain("Servicio de Cooperación Técnica — Sercotec"));
        Assert.That(text, Does.Contain("OFICIO N° 7/2026").And.Contain("Santiago, miércoles 2 de diciembre de 2026"));
        Assert.That(text, Does.Contain("Señora Gobernadora Regional de Ñuble"));
        Assert.That(PdfText.Normalized(text), Does.Contain(PdfText.Normalized("Por medio del presente, Sercotec informa los montos preliminares del año presupuestario 2027 para la Región de Ñuble: año, niño, acción, canción.")));
        Assert.That(pdf.Information.Title, Is.EqualTo("OFICIO N° 7/2026"));
        Assert.That(pdf.NumberOfPages, Is.EqualTo(1));
        // The fonts travel with the file: a reader without DejaVu shows the same letters.
        Assert.That(pdf.GetPage(1).Letters.Select(l => l.FontName).Distinct(), Is.Not.Empty.And.All.Contains("DejaVu"));
    }

    [Test]
    public void The_same_oficio_rendered_twice_gives_the_same_bytes()
    {
        var first = OficioPdf.Render(Letter(), PdfFonts.DejaVu);
        var second = OficioPdf.Render(Letter(), PdfFonts.DejaVu);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(OficioPdf.Render(Letter(Text + "\nPosdata."), PdfFonts.DejaVu), Is.Not.EqualTo(first));
    }

    [Test]
    public void A_long_body_wraps_and_continues_on_further_pages_each_with_its_number()
    {
        var paragraph = string.Join(" ", Enumerable.Range(1, 60).Select(i => $"palabra{i}"));
        var longText = Text + "\n" + string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Párrafo {i}: {paragraph}")) + "\n" + new string('x', 300);

        var bytes = OficioPdf.Render(Letter(longText), PdfFonts.DejaVu);

        using var pdf = PdfDocument.Open(bytes);
        Assert.That(pdf.NumberOfPages, Is.GreaterThan(3));
        var pages = pdf.GetPages().ToList();
        Assert.That(pages.Select(p => p.Text), Has.All.Contains("OFICIO N° 7/2026 · página"));
        Assert.That(pages[^1].Text, Does.Contain($"página {pages.Count} de {pages.Count}").And.Contain("Gerencia General de Sercotec"));
        // Every word is there, on some page, and no line runs past the right margin.
        var all = PdfText.Words(bytes);
        Assert.That(all, Does.Contain("Párrafo 40: palabra1 palabra2").And.Contain("palabra60"));
        Assert.That(pages.SelectMany(p => p.Letters).Max(l => l.BoundingBox.Right), Is.LessThanOrEqualTo(pages[0].Width - 71));
    }

    [Test]
    public void A_missing_font_is_a_spanish_error_naming_the_file_and_the_package()
    {
        var missing = new PdfFonts("/no/existe/Fuente.ttf", PdfFonts.DejaVu.Bold);

        var error = Assert.Throws<CycleException>(() => OficioPdf.Render(Letter(), missing));

        Assert.That(error!.Message, Does.Contain("«/no/existe/Fuente.ttf»").And.Contain("fonts-dejavu-core").And.Contain("FOCALIZACION_PDF_FUENTE"));
    }
}
