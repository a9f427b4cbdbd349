using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Focalizacion.Service.Web.Exports;

/// <summary>
/// A table as a page shows it, exported: CSV (UTF-8 with BOM, semicolons, as Excel in Chile opens
/// it) or XLSX (one sheet, bold frozen header). Cells that a spreadsheet would take for a formula
/// are written as text.
/// </summary>
internal sealed record ExportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit on a sheet's name.</summary>
    private const int MaxSheetName = 31;

    public byte[] ToCsv()
    {
        var text = new StringBuilder();
        foreach (var row in Rows.Prepend(Headers))
        {
            text.AppendJoin(';', row.Select(CsvField)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public byte[] ToXlsx()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, Headers, bold: true));
            for (var i = 0; i < Rows.Count; i++)
            {
                data.Append(Row((uint)i + 2, Rows[i], bold: false));
            }
            var frozen = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 });
            sheetPart.Worksheet = new Worksheet(frozen, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(Title) }));
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IEnumerable<string> values, bool bold)
    {
        var row = new Row { RowIndex = index };
        foreach (var value in values)
        {
            var cell = new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }) };
            if (bold)
            {
                cell.StyleIndex = 1;
            }
            row.Append(cell);
        }
        return row;
    }

    private static string SheetName(string title)
    {
        var name = new string([.. title.Where(c => c is not ('\\' or '/' or '?' or '*' or '[' or ']' or ':'))]);
        return name.Length > MaxSheetName ? name[..MaxSheetName] : name;
    }

    private static string CsvField(string value)
    {
        // A leading = + - @ (or tab, CR) would make a spreadsheet run it as a formula.
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
