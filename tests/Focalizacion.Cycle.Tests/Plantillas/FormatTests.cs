using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Plantillas;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Plantillas;

public sealed class FormatTests
{
    [TestCase(1_000_000, "$ 1.000.000")] // the brief's example: dots every three digits
    [TestCase(0, "$ 0")]                 // zero has no separator and no sign
    [TestCase(999, "$ 999")]             // three digits: no separator yet
    [TestCase(1000, "$ 1.000")]          // the first separator
    [TestCase(12_345_678, "$ 12.345.678")] // leading group of two
    [TestCase(1234.5, "$ 1.235")]        // pesos have no cents: half rounds away from zero
    public void Pesos_use_dot_thousands_and_no_decimals(decimal amount, string expected) =>
        Assert.That(AmountFormat.Pesos(amount), Is.EqualTo(expected));

    [TestCase("2025-12-01", "lunes 1 de diciembre de 2025")]   // the first business day of December 2025
    [TestCase("2026-11-15", "domingo 15 de noviembre de 2026")] // a weekend deadline keeps its weekday
    [TestCase("2027-09-01", "miércoles 1 de septiembre de 2027")] // accents in weekday names
    [TestCase("no es fecha", "no es fecha")]                     // not a date: shown as written, never an exception
    public async Task Fecha_larga_filter_writes_the_long_spanish_date(string iso, string expected)
    {
        var template = new MailTemplate("prueba", "{{ d | fecha_larga }}", "", "");
        var rendered = await TemplateRenderer.RenderAsync(template, Model() with { }, new Dictionary<string, object?> { ["d"] = iso });
        Assert.That(rendered.Subject, Is.EqualTo(expected));
    }

    [Test]
    public async Task Monto_filter_formats_model_amounts()
    {
        var template = new MailTemplate("prueba", "{% for m in montos %}{{ m.instrumento }}={{ m.monto | monto }};{% endfor %}", "", "");
        var model = Model() with { Amounts = [("Crece", 1_000_000m), ("Juntos", 0m), ("Almacenes de Chile", 999m)] };
        var rendered = await TemplateRenderer.RenderAsync(template, model);
        Assert.That(rendered.Subject, Is.EqualTo("Crece=$ 1.000.000;Juntos=$ 0;Almacenes de Chile=$ 999;"));
    }

    internal static TemplateModel Model() =>
        new("Ñuble", "Región de Ñuble", "NB", "Chillán", 2027, new LocalDate(2026, 3, 2), [new Recipient("gore-gobernador", "Gobernadora Ñuñez", "Gobernadora Regional", "g@x.invalid")]);
}
