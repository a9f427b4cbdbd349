using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Focalizacion.Documents.Plantilla;

/// <summary>
/// The small pieces every workbook this project writes is made of: the style sheet, text and number
/// cells, sheets. Text is written as inline strings, which a spreadsheet never takes for a formula.
/// </summary>
internal static class XlsxParts
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit on a sheet's name.</summary>
    public const int MaxSheetName = 31;

    /// <summary>Style indexes of <see cref="AddStyles"/>.</summary>
    public const uint Plain = 0, Header = 1, EditableText = 2, EditableNumber = 3, WholeNumber = 4, Title = 5;

    public static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        var unlocked = new Protection { Locked = false };
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold()), new Font(new Bold(), new FontSize { Val = 14 })),
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat(),
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }, (Protection)unlocked.CloneNode(true)) { ApplyProtection = true, ApplyAlignment = true },
                new CellFormat((Protection)unlocked.CloneNode(true)) { NumberFormatId = 3, ApplyNumberFormat = true, ApplyProtection = true },
                new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true },
                new CellFormat { FontId = 2, ApplyFont = true }));
    }

    public static Cell Text(string reference, string value, uint style = Plain) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style == Plain ? null : style,
    };

    public static Cell Number(string reference, long value, uint style = WholeNumber) => new()
    {
        CellReference = reference,
        DataType = CellValues.Number,
        CellValue = new CellValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        StyleIndex = style,
    };

    /// <summary>A row of text cells from column A, skipping empty values.</summary>
    public static Row TextRow(int index, IEnumerable<string> values, uint style = Plain)
    {
        var row = new Row { RowIndex = (uint)index };
        var column = 1;
        foreach (var value in values)
        {
            if (value.Length > 0)
            {
                row.Append(Text(TemplateLayout.Cell(TemplateLayout.ColumnName(column), index), value, style));
            }
            column++;
        }
        return row;
    }

    /// <summary>Adds a worksheet with these children (in schema order) and names it in the workbook.</summary>
    public static WorksheetPart AddSheet(WorkbookPart workbook, string name, IEnumerable<OpenXmlElement> children, bool hidden = false)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(children);
        var sheets = workbook.Workbook.Sheets ?? workbook.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet
        {
            Id = workbook.GetIdOfPart(part),
            SheetId = (uint)sheets.ChildElements.Count + 1,
            Name = name,
            State = hidden ? SheetStateValues.Hidden : null,
        });
        return part;
    }

    /// <summary>Column widths, optionally with a default style for the cells not written (unlocked data cells).</summary>
    public static Columns Widths(IEnumerable<(int Index, double Width, uint? Style)> columns) =>
        new(columns.Select(c => new Column { Min = (uint)c.Index, Max = (uint)c.Index, Width = c.Width, CustomWidth = true, Style = c.Style }));

    /// <summary>Freezes the rows above <paramref name="firstScrollingRow"/>.</summary>
    public static SheetViews FreezeAbove(int firstScrollingRow) => new(new SheetView(new Pane
    {
        VerticalSplit = firstScrollingRow - 1,
        TopLeftCell = "A" + firstScrollingRow.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ActivePane = PaneValues.BottomLeft,
        State = PaneStateValues.Frozen,
    })
    { WorkbookViewId = 0 });

    /// <summary>Protection without password: locked cells cannot be edited, unlocked ones can; columns resized, rows inserted and deleted.</summary>
    public static SheetProtection Protect() => new()
    {
        Sheet = true,
        Objects = true,
        Scenarios = true,
        FormatColumns = false,
        FormatRows = false,
        InsertRows = false,
        DeleteRows = false,
    };

    /// <summary>A sheet name Excel accepts: no \ / ? * [ ] :, at most 31 characters, not repeated in <paramref name="taken"/>.</summary>
    public static string SheetName(string title, ISet<string> taken)
    {
        var name = new string([.. title.Where(c => c is not ('\\' or '/' or '?' or '*' or '[' or ']' or ':'))]);
        name = name.Length > MaxSheetName ? name[..MaxSheetName] : name;
        var unique = name;
        for (var n = 2; !taken.Add(unique); n++)
        {
            var suffix = $" ({n})";
            unique = (name.Length + suffix.Length > MaxSheetName ? name[..(MaxSheetName - suffix.Length)] : name) + suffix;
        }
        return unique;
    }
}
