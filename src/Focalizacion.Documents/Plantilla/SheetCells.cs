using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Focalizacion.Documents.Plantilla;

/// <summary>One non-empty cell's content: its text (the shared or inline string, or the cached value) and whether it is a number.</summary>
internal readonly record struct CellText(string Text, bool IsNumber);

/// <summary>
/// Reads a worksheet's non-empty cells with the SAX reader (one cell loaded at a time), keeping only
/// the first <c>columns</c> columns and failing fast past a number of non-empty rows.
/// </summary>
internal static class SheetCells
{
    /// <summary>The shared strings table, bounded in entries.</summary>
    public static List<string>? SharedStrings(WorkbookPart workbook, WorkbookLimits limits)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                if (strings.Count >= limits.MaxSharedStrings)
                {
                    return null;
                }
                strings.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
            }
        }
        return strings;
    }

    /// <summary>
    /// The sheet's cells by row, columns 1..<paramref name="columns"/> (index 0 = column A); a cell
    /// with content beyond them is reported by <paramref name="outside"/>. Null when the sheet has
    /// more than <paramref name="maxRows"/> non-empty rows (it stops reading there).
    /// </summary>
    public static SortedDictionary<int, CellText?[]>? Read(WorksheetPart part, List<string> shared, int columns, int maxRows, Action<string> outside)
    {
        var rows = new SortedDictionary<int, CellText?[]>();
        using var reader = OpenXmlReader.Create(part);
        var rowIndex = 0;
        var columnIndex = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                rowIndex = int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : rowIndex + 1;
                columnIndex = 0;
            }
            else if (reader.ElementType == typeof(Cell) && reader.IsStartElement)
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                columnIndex = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : columnIndex + 1;
                var value = ValueOf(cell, shared);
                if (value is null || value.Value.Text.Length == 0)
                {
                    continue;
                }
                if (columnIndex < 1 || columnIndex > columns)
                {
                    outside(TemplateLayout.Cell(TemplateLayout.ColumnName(Math.Max(columnIndex, 1)), rowIndex));
                    continue;
                }
                if (!rows.TryGetValue(rowIndex, out var cells))
                {
                    if (rows.Count >= maxRows)
                    {
                        return null;
                    }
                    rows[rowIndex] = cells = new CellText?[columns];
                }
                cells[columnIndex - 1] = value;
            }
        }
        return rows;
    }

    private static CellText? ValueOf(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? new CellText(shared[index], false) : null;
        }
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? new CellText(TextOf(inline), false) : null;
        }
        if (raw is null)
        {
            return null;
        }
        var isNumber = cell.DataType is null || cell.DataType.Value == CellValues.Number;
        return new CellText(raw, isNumber);
    }

    /// <summary>A string item's text: its plain text, or its runs' texts (phonetic hints left out).</summary>
    private static string TextOf(OpenXmlCompositeElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    /// <summary>"F12" → 6.</summary>
    internal static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                break;
            }
            index = (index * 26) + (c - 'A' + 1);
            if (index > 16_384)
            {
                return 16_384;
            }
        }
        return index;
    }
}
