using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Focalizacion.Testing;

/// <summary>Alters cells of a written workbook, as a person editing the template would, and reads a sheet's rows back.</summary>
public static class Workbooks
{
    /// <summary>The rows of sheet <paramref name="sheetName"/> as text, each cell at its column (empty strings for cells not written).</summary>
    public static List<string[]> Rows(SpreadsheetDocument document, string sheetName)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
        return [.. part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(row =>
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference!.Value!.TakeWhile(char.IsAsciiLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1));
                while (cells.Count < column - 1)
                {
                    cells.Add("");
                }
                cells.Add(cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "");
            }
            return cells.ToArray();
        })];
    }

    /// <summary>Sets (or, with null, clears) cells given as "Sheet!A1".</summary>
    public static byte[] Edit(byte[] xlsx, params (string Cell, object? Value)[] edits)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            foreach (var (target, value) in edits)
            {
                var sheetName = target[..target.IndexOf('!')];
                var reference = target[(target.IndexOf('!') + 1)..];
                var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
                var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
                var data = part.Worksheet.GetFirstChild<SheetData>()!;
                var rowIndex = uint.Parse(new string([.. reference.Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture);
                var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex! == rowIndex);
                if (row is null)
                {
                    row = new Row { RowIndex = rowIndex };
                    var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex! < rowIndex);
                    if (after is null)
                    {
                        data.PrependChild(row);
                    }
                    else
                    {
                        after.InsertAfterSelf(row);
                    }
                }
                var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
                if (value is null)
                {
                    cell?.Remove();
                    continue;
                }
                var replacement = value switch
                {
                    string text => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) },
                    _ => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!) },
                };
                if (cell is not null)
                {
                    cell.InsertAfterSelf(replacement);
                    cell.Remove();
                }
                else
                {
                    var before = row.Elements<Cell>().FirstOrDefault(c => Compare(c.CellReference!, reference) > 0);
                    if (before is null)
                    {
                        row.Append(replacement);
                    }
                    else
                    {
                        before.InsertBeforeSelf(replacement);
                    }
                }
            }
        }
        return stream.ToArray();
    }

    private static int Compare(string a, string b)
    {
        var la = new string([.. a.TakeWhile(char.IsAsciiLetter)]);
        var lb = new string([.. b.TakeWhile(char.IsAsciiLetter)]);
        return la.Length != lb.Length ? la.Length.CompareTo(lb.Length) : string.CompareOrdinal(la, lb);
    }

    /// <summary>A copy of the package with a part added (and, optionally, a content type override for it).</summary>
    public static byte[] AddZipEntry(byte[] xlsx, string name, byte[] content, Func<string, string>? contentTypes = null)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            using (var entry = zip.CreateEntry(name).Open())
            {
                entry.Write(content);
            }
            if (contentTypes is not null)
            {
                var types = zip.GetEntry("[Content_Types].xml")!;
                string text;
                using (var reader = new StreamReader(types.Open()))
                {
                    text = reader.ReadToEnd();
                }
                types.Delete();
                using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
                writer.Write(contentTypes(text));
            }
        }
        return stream.ToArray();
    }
}
