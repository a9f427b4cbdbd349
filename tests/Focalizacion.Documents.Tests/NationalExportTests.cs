using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Nacional;
using Focalizacion.Testing;

namespace Focalizacion.Documents.Tests;

public sealed class NationalExportTests
{
    /// <summary>16 regions: finals with a region-specific amount, two on the previous year's, one on Sercotec's definitions.</summary>
    internal static List<RegionalFocalizacion> Regions(int linesPerInstrument = 3)
    {
        var entries = new List<RegionalFocalizacion>();
        for (var i = 0; i < RegionRegistry.All.Count; i++)
        {
            var region = RegionRegistry.All[i].IsoSuffix;
            var sample = Samples.Nuble(linesPerInstrument: linesPerInstrument);
            var focalizacion = sample with { Region = region, Lines = [.. sample.Lines.Select(l => l.Budget is null ? l : l with { Budget = (i + 1) * 1_000L })] };
            entries.Add(i switch
            {
                0 => new RegionalFocalizacion(region, null, Origins.Internal),
                1 or 2 => new RegionalFocalizacion(region, focalizacion with { BudgetYear = 2026 }, Origins.PreviousYear(2026)),
                _ => new RegionalFocalizacion(region, focalizacion, Origins.Final(i % 3 + 1)),
            });
        }
        return entries;
    }

    [Test]
    public void The_xlsx_holds_a_summary_of_totals_and_origins_and_every_regions_lines_per_instrument()
    {
        var regions = Regions();
        using var document = SpreadsheetDocument.Open(new MemoryStream(NationalExport.ToXlsx(2027, regions)), false);
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

        Assert.That(sheets, Is.EqualTo(new[]
        {
            "Resumen", "Crece", "Capital Semilla Emprende y Capi", "Mejora Negocios", "Almacenes de Chile",
            "Promoción y Canales de Comercia", "Redes de Oportunidades de Negoc", "Juntos",
        }));
        var summary = Workbooks.Rows(document, "Resumen");
        Assert.That(summary[1], Is.EqualTo((string[])["Región", "Origen", .. Instruments.All, "Total"]));
        Assert.That(summary[2], Is.EqualTo(new[] { "Arica y Parinacota", "definiciones internas de Sercotec", "0", "0", "0", "0", "0", "0", "0", "0" }));
        Assert.That(summary[3], Is.EqualTo(new[] { "Tarapacá", "focalización del año anterior (2026)", "6000", "6000", "6000", "6000", "6000", "6000", "0", "36000" }));
        Assert.That(summary[^1][0..3], Is.EqualTo(new[] { "Magallanes y de la Antártica Chilena", "focalización final v1", "48000" }));
        Assert.That(summary, Has.Count.EqualTo(2 + 16));

        var crece = Workbooks.Rows(document, "Crece");
        Assert.That(crece, Has.Count.EqualTo(1 + (15 * 3)));
        Assert.That(crece[1], Is.EqualTo(new[]
        {
            "Tarapacá", "focalización del año anterior (2026)", "Acción 1 de Crece", "Fortalecer los negocios de la zona; con «comillas» y acentos: ñandú", "Sí", "",
            "Chillán; Chillán Viejo", "A - Agricultura, ganadería, silvicultura y pesca; E - Suministro de agua; evacuación de aguas residuales, gestión de desechos y descontaminación; G - Comercio al por mayor y al por menor; reparación de vehículos automotores y motocicletas",
            "Mujeres", "Mapuche", "Jóvenes (18 a 29 años)", "2000", "41", "No", "", "Diversificar la matriz productiva", "Baja asociatividad",
        }));
        Assert.That(crece[2][5..7], Is.EqualTo(new[] { "Valle del Itata", LineText.CommuneNames(["16201", "16202", "16203"]) }));
        Assert.That(crece[2][6], Does.Contain("; "));
        Assert.That(Workbooks.Rows(document, "Juntos"), Has.Count.EqualTo(1 + 15));
    }

    [Test]
    public void The_csv_has_a_bom_semicolons_and_a_row_per_line_or_per_region_without_focalizacion()
    {
        var bytes = NationalExport.ToCsv(2027, Regions());

        Assert.That(bytes[..3], Is.EqualTo(Encoding.UTF8.GetPreamble()));
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1 + 1 + (15 * 19)));
        Assert.That(lines[0], Does.StartWith("Año presupuestario;Región;Origen;Instrumento;Acción o proyecto;"));
        Assert.That(lines[1], Is.EqualTo("2027;Arica y Parinacota;definiciones internas de Sercotec" + new string(';', 16)));
        Assert.That(lines[2], Does.StartWith("2027;Tarapacá;focalización del año anterior (2026);Crece;Acción 1 de Crece;\"Fortalecer los negocios de la zona; con «comillas» y acentos: ñandú\";Sí;;"));
    }
}
