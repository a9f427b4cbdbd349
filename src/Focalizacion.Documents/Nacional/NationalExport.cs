using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Plantilla;

namespace Focalizacion.Documents.Nacional;

/// <summary>A region's applicable focalización of a budget year, with where it comes from; null when Sercotec's internal definitions apply.</summary>
/// <param name="Region">ISO 3166-2:CL suffix.</param>
/// <param name="Focalizacion">The focalización that applies, if any.</param>
/// <param name="Origin">Its origin as the export states it (see <see cref="Origins"/>).</param>
public sealed record RegionalFocalizacion(string Region, Focalizaciones.Focalizacion? Focalizacion, string Origin);

/// <summary>How the national export words a focalización's origin.</summary>
public static class Origins
{
    /// <summary>"focalización final v3".</summary>
    public static string Final(int version) => $"focalización final v{version}";

    /// <summary>"focalización del año anterior (2026)": the fallback of Reglamento §9.</summary>
    public static string PreviousYear(int budgetYear) => $"focalización del año anterior ({budgetYear})";

    /// <summary>No focalización applies: Sercotec executes by its own definitions.</summary>
    public const string Internal = "definiciones internas de Sercotec";
}

/// <summary>
/// The national export of a budget year for Sercotec's Plan de Ejecución: every region's applicable
/// focalización, as one XLSX (a «Resumen» sheet of totals region × instrument with the origin, and one
/// sheet per instrument with every region's lines) or one CSV (UTF-8 with BOM, semicolons, CRLF, as
/// the web's exports).
/// </summary>
public static class NationalExport
{
    public const string XlsxContentType = XlsxParts.ContentType;
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The columns of a line in the per-instrument sheets and the CSV (after Región, Origen and, in the CSV, Instrumento).</summary>
    private static readonly string[] LineHeaders =
    [
        "Acción o proyecto", "Descripción y orientación estratégica", "Focaliza", "Territorio", "Comunas", "Sectores",
        "Género", "Etnia", "Rango etario", "Presupuesto ($)", "Cobertura estimada", "Compromiso de gobierno", "Cuál compromiso",
        "Objetivo estratégico", "Desafío u oportunidad",
    ];

    /// <summary>Indexes (in <see cref="LineHeaders"/>) of the numeric columns.</summary>
    private const int BudgetColumn = 9, CoverageColumn = 10;

    public static byte[] ToXlsx(int budgetYear, IReadOnlyList<RegionalFocalizacion> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            XlsxParts.AddStyles(workbook);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            XlsxParts.AddSheet(workbook, XlsxParts.SheetName("Resumen", names), Summary(budgetYear, regions));
            foreach (var instrument in Instruments.All)
            {
                XlsxParts.AddSheet(workbook, XlsxParts.SheetName(instrument, names), InstrumentSheet(instrument, regions));
            }
        }
        return stream.ToArray();
    }

    public static byte[] ToCsv(int budgetYear, IReadOnlyList<RegionalFocalizacion> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var text = new StringBuilder();
        void Row(IEnumerable<string> fields) => text.AppendJoin(';', fields.Select(CsvField)).Append("\r\n");
        Row(["Año presupuestario", "Región", "Origen", "Instrumento", .. LineHeaders]);
        var year = budgetYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var entry in regions)
        {
            var region = RegionRegistry.ByIsoSuffix(entry.Region).Name;
            var lines = entry.Focalizacion?.Lines ?? [];
            if (lines.Count == 0)
            {
                Row([year, region, entry.Origin, "", .. LineHeaders.Select(_ => "")]);
            }
            foreach (var line in lines)
            {
                Row([year, region, entry.Origin, line.Instrument, .. LineFields(entry.Focalizacion!, line)]);
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static OpenXmlElement[] Summary(int budgetYear, IReadOnlyList<RegionalFocalizacion> regions)
    {
        var data = new SheetData(
            XlsxParts.TextRow(1, [$"Focalización regional {budgetYear}: presupuesto por región e instrumento ($)"], XlsxParts.Title),
            XlsxParts.TextRow(3, ["Región", "Origen", .. Instruments.All, "Total"], XlsxParts.Header));
        var rowIndex = 4;
        foreach (var entry in regions)
        {
            var row = XlsxParts.TextRow(rowIndex, [RegionRegistry.ByIsoSuffix(entry.Region).Name, entry.Origin]);
            var column = 3;
            long total = 0;
            foreach (var instrument in Instruments.All)
            {
                var sum = entry.Focalizacion?.Lines.Where(l => l.Instrument == instrument).Sum(l => l.Budget ?? 0) ?? 0;
                total += sum;
                row.Append(XlsxParts.Number(TemplateLayout.Cell(TemplateLayout.ColumnName(column++), rowIndex), sum));
            }
            row.Append(XlsxParts.Number(TemplateLayout.Cell(TemplateLayout.ColumnName(column), rowIndex), total));
            data.Append(row);
            rowIndex++;
        }
        var widths = Enumerable.Range(1, Instruments.All.Count + 3).Select(i => (i, i <= 2 ? 32.0 : 20.0, (uint?)null));
        return [XlsxParts.FreezeAbove(4), XlsxParts.Widths(widths), data];
    }

    private static OpenXmlElement[] InstrumentSheet(string instrument, IReadOnlyList<RegionalFocalizacion> regions)
    {
        var data = new SheetData(XlsxParts.TextRow(1, ["Región", "Origen", .. LineHeaders], XlsxParts.Header));
        var rowIndex = 2;
        foreach (var entry in regions)
        {
            foreach (var line in entry.Focalizacion?.Lines.Where(l => l.Instrument == instrument) ?? [])
            {
                var fields = LineFields(entry.Focalizacion!, line);
                var row = XlsxParts.TextRow(rowIndex, [RegionRegistry.ByIsoSuffix(entry.Region).Name, entry.Origin]);
                for (var i = 0; i < fields.Count; i++)
                {
                    var reference = TemplateLayout.Cell(TemplateLayout.ColumnName(i + 3), rowIndex);
                    var number = i == BudgetColumn ? line.Budget : i == CoverageColumn ? line.Coverage : null;
                    if (number is { } value)
                    {
                        row.Append(XlsxParts.Number(reference, value));
                    }
                    else if (i is not (BudgetColumn or CoverageColumn) && fields[i].Length > 0)
                    {
                        row.Append(XlsxParts.Text(reference, fields[i]));
                    }
                }
                data.Append(row);
                rowIndex++;
            }
        }
        var widths = Enumerable.Range(1, LineHeaders.Length + 2).Select(i => (i, 24.0, (uint?)null));
        return [XlsxParts.FreezeAbove(2), XlsxParts.Widths(widths), data];
    }

    /// <summary>A line's fields under <see cref="LineHeaders"/>; a named territory's communes are spelled out.</summary>
    private static List<string> LineFields(Focalizaciones.Focalizacion focalizacion, FocalizacionLine line)
    {
        var communes = line.Territorial?.Kind == TerritorialKind.Territory
            ? LineText.CommuneNames(focalizacion.Territories.FirstOrDefault(t => t.Name == line.Territorial.TerritoryName)?.Communes ?? [])
            : LineText.LineCommunes(line.Territorial);
        return
        [
            line.Action, line.Description, LineText.YesNo(line.Focalizes), LineText.Territory(line.Territorial), communes,
            LineText.SectorLabels(line.Sectors), line.Profile.Gender, line.Profile.Ethnicity, line.Profile.AgeRange,
            line.Budget?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            line.Coverage?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            LineText.Field(line, LineField.Commitment), LineText.Field(line, LineField.CommitmentWhich), line.StrategicObjective, line.Challenge,
        ];
    }

    /// <summary>As the web's CSV exports: a leading = + - @ (or tab, CR) is quoted off as text; ; " and line breaks are quoted.</summary>
    private static string CsvField(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
