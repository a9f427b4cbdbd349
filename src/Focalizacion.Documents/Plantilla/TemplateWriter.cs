using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Catalogos;
using Focalizacion.Documents.Comunas;
using Focalizacion.Documents.Focalizaciones;
using NodaTime.Text;

namespace Focalizacion.Documents.Plantilla;

/// <summary>
/// Writes the XLSX template a GORE fills in for its region, budget year and stage — empty (one row per
/// instrument to start from) or holding a stored focalización (its export, which
/// <see cref="WorkbookReader"/> reads back to the same focalización).
/// </summary>
/// <remarks>
/// Sheets: «Instrucciones»; «Focalización» (header block and column titles locked, data cells
/// unlocked, sheet protected without password; drop-downs for instrument, sí/no, sectors, profile,
/// communes and territory); «Territorios» (the GORE's territory model); «Listas» (hidden, the
/// drop-downs' values). A final also has the acta CORE cells (E1 number, E2 session date).
/// </remarks>
public static class TemplateWriter
{
    public const string ContentType = XlsxParts.ContentType;

    /// <summary>The date form of the acta's session date cell, as written and as read from text.</summary>
    internal static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("dd-MM-uuuu");

    /// <summary>The template (or the export of <paramref name="existing"/>, which must be of the same region, year and stage).</summary>
    public static byte[] Write(string regionIsoSuffix, int budgetYear, Stage stage, Focalizaciones.Focalizacion? existing = null, WorkbookLimits? limits = null)
    {
        var region = RegionRegistry.ByIsoSuffix(regionIsoSuffix);
        if (existing is not null && (existing.Region != regionIsoSuffix || existing.BudgetYear != budgetYear || existing.Stage != stage))
        {
            throw new ArgumentException("La focalización exportada no es de la región, el año y la etapa de la plantilla.", nameof(existing));
        }
        limits ??= WorkbookLimits.Default;
        var territories = existing?.Territories ?? [];
        var lists = ListValues(region, territories);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 1 }));
            XlsxParts.AddStyles(workbook);
            XlsxParts.AddSheet(workbook, TemplateLayout.InstructionsSheet, Instructions(region, budgetYear, stage, limits));
            XlsxParts.AddSheet(workbook, TemplateLayout.MainSheet, Main(region, budgetYear, stage, existing, limits, lists));
            XlsxParts.AddSheet(workbook, TemplateLayout.TerritoriesSheet, TerritorySheet(territories, limits, lists));
            XlsxParts.AddSheet(workbook, TemplateLayout.ListsSheet, ListsSheet(lists), hidden: true);
        }
        return stream.ToArray();
    }

    private static OpenXmlElement[] Instructions(Region region, int year, Stage stage, WorkbookLimits limits)
    {
        string[] text =
        [
            $"Focalización {(stage == Stage.Final ? "final" : "preliminar")} {year} — {region.OfficialName}",
            "",
            "Cómo llenar esta plantilla:",
            "1. En la hoja «Focalización», escriba una fila por cada acción o proyecto, desde la fila 6. Cada instrumento transferido debe aparecer: con sus líneas, o con una sola línea con «No» en la columna Focaliza (sin focalización).",
            "2. Use las listas desplegables: instrumento, Sí/No, sectores, género, etnia, rango etario y comunas. Varios sectores o comunas van en la misma celda separados por «;».",
            "3. Criterio territorial: escriba «Toda la región» o el nombre de un territorio de la hoja «Territorios» en la columna E, o bien las comunas en la columna F (no ambas).",
            "4. En la hoja «Territorios» declare su modelo territorial: un territorio por fila, con su nombre y sus comunas separadas por «;». Los nombres no se repiten.",
            "5. Presupuesto en pesos enteros, sin decimales (se acepta «150.000.000» o «$ 150.000.000»). Cobertura estimada: número entero de beneficiarios.",
            "6. Si la línea responde a un compromiso de gobierno, indique «Sí» y cuál.",
            stage == Stage.Final
                ? "7. Focalización final: indique en las celdas E1 y E2 el número del acta o acuerdo del Consejo Regional y la fecha de la sesión (dd-mm-aaaa); el PDF del acta se adjunta aparte al enviar."
                : "7. La focalización preliminar no lleva acta del Consejo Regional.",
            $"8. Límites: a lo más {LineText.Whole(limits.MaxLines)} líneas, {LineText.Whole(limits.MaxTerritories)} territorios, {LineText.Whole(limits.MaxCellText)} caracteres por celda y {LineText.Whole(limits.MaxBytes / 1_048_576)} MB por archivo. No agregue macros ni vínculos a otros libros: el archivo se rechaza.",
            "9. No cambie los nombres de las hojas ni las filas 1 a 5 de la hoja «Focalización». Al subir el archivo, todos los problemas se informan con su hoja y celda, y un archivo con problemas no se guarda.",
        ];
        var data = new SheetData();
        for (var i = 0; i < text.Length; i++)
        {
            data.Append(XlsxParts.TextRow(i + 1, [text[i]], i == 0 ? XlsxParts.Title : XlsxParts.Plain));
        }
        return [XlsxParts.Widths([(1, 150, null)]), data, XlsxParts.Protect()];
    }

    private static OpenXmlElement[] Main(Region region, int year, Stage stage, Focalizaciones.Focalizacion? existing, WorkbookLimits limits, SortedDictionary<ListColumn, IReadOnlyList<string>> lists)
    {
        var data = new SheetData();
        var row1 = XlsxParts.TextRow(1, ["Región", region.OfficialName], XlsxParts.Header);
        var row2 = new Row { RowIndex = 2 };
        row2.Append(XlsxParts.Text("A2", "Año presupuestario", XlsxParts.Header), new Cell
        {
            CellReference = TemplateLayout.YearCell,
            DataType = CellValues.Number,
            CellValue = new CellValue(year.ToString(CultureInfo.InvariantCulture)),
            StyleIndex = XlsxParts.Header,
        });
        var row3 = XlsxParts.TextRow(3, ["Etapa", stage.ToString()], XlsxParts.Header);
        if (stage == Stage.Final)
        {
            row1.Append(XlsxParts.Text("D1", "N° acta o acuerdo CORE", XlsxParts.Header));
            if (existing?.Acta?.Number is { Length: > 0 } number)
            {
                row1.Append(XlsxParts.Text(TemplateLayout.ActaNumberCell, number, XlsxParts.EditableText));
            }
            row2.Append(XlsxParts.Text("D2", "Fecha sesión CORE (dd-mm-aaaa)", XlsxParts.Header));
            if (existing?.Acta?.SessionDate is { } date)
            {
                row2.Append(XlsxParts.Text(TemplateLayout.ActaDateCell, DatePattern.Format(date), XlsxParts.EditableText));
            }
        }
        data.Append(row1, row2, row3);
        data.Append(XlsxParts.TextRow(TemplateLayout.HeaderRow, TemplateLayout.Columns.Select(c => c.Header), XlsxParts.Header));
        var lines = existing?.Lines ?? [.. Instruments.All.Select(i => FocalizacionLine.NotFocalized(i) with { Focalizes = true })];
        var rowIndex = TemplateLayout.FirstDataRow;
        foreach (var line in lines)
        {
            data.Append(existing is null ? XlsxParts.TextRow(rowIndex, [line.Instrument], XlsxParts.EditableText) : LineRow(rowIndex, line));
            rowIndex++;
        }
        var last = TemplateLayout.FirstDataRow + limits.MaxLines - 1;
        var widths = TemplateLayout.Columns.Select(c => (c.Index, c.Width, (uint?)(c.Field is LineField.Budget or LineField.Coverage ? XlsxParts.EditableNumber : XlsxParts.EditableText)));
        return
        [
            XlsxParts.FreezeAbove(TemplateLayout.FirstDataRow),
            XlsxParts.Widths(widths),
            data,
            XlsxParts.Protect(),
            Validations(lists, TemplateLayout.FirstDataRow, last,
                ("A", ListColumn.Instruments, true), ("D", ListColumn.YesNo, true), ("E", ListColumn.TerritoryOptions, false),
                ("F", ListColumn.Communes, false), ("G", ListColumn.Sectors, false), ("H", ListColumn.Genders, true),
                ("I", ListColumn.Ethnicities, true), ("J", ListColumn.AgeRanges, true), ("M", ListColumn.YesNo, true)),
        ];
    }

    private static Row LineRow(int index, FocalizacionLine line)
    {
        var row = new Row { RowIndex = (uint)index };
        foreach (var column in TemplateLayout.Columns)
        {
            var reference = TemplateLayout.Cell(column.Letter, index);
            if (column.Field is LineField.Budget or LineField.Coverage)
            {
                if ((column.Field == LineField.Budget ? line.Budget : line.Coverage) is { } number)
                {
                    row.Append(XlsxParts.Number(reference, number, XlsxParts.EditableNumber));
                }
                continue;
            }
            var text = column.Letter switch
            {
                "E" => LineText.Territory(line.Territorial),
                "F" => LineText.LineCommunes(line.Territorial),
                _ => LineText.Field(line, column.Field),
            };
            if (text.Length > 0)
            {
                row.Append(XlsxParts.Text(reference, text, XlsxParts.EditableText));
            }
        }
        return row;
    }

    private static OpenXmlElement[] TerritorySheet(IReadOnlyList<Territory> territories, WorkbookLimits limits, SortedDictionary<ListColumn, IReadOnlyList<string>> lists)
    {
        var data = new SheetData(XlsxParts.TextRow(1, ["Territorio", "Comunas (separadas por «;»)"], XlsxParts.Header));
        for (var i = 0; i < territories.Count; i++)
        {
            data.Append(XlsxParts.TextRow(TemplateLayout.TerritoryFirstRow + i, [territories[i].Name, LineText.CommuneNames(territories[i].Communes)], XlsxParts.EditableText));
        }
        var last = TemplateLayout.TerritoryFirstRow + limits.MaxTerritories - 1;
        return
        [
            XlsxParts.FreezeAbove(TemplateLayout.TerritoryFirstRow),
            XlsxParts.Widths([(1, 35, XlsxParts.EditableText), (2, 90, XlsxParts.EditableText)]),
            data,
            XlsxParts.Protect(),
            Validations(lists, TemplateLayout.TerritoryFirstRow, last, ("B", ListColumn.Communes, false)),
        ];
    }

    /// <summary>The columns of the hidden «Listas» sheet.</summary>
    private enum ListColumn
    {
        Instruments = 1,
        YesNo,
        Sectors,
        Genders,
        Ethnicities,
        AgeRanges,
        Communes,
        TerritoryOptions,
    }

    private static SortedDictionary<ListColumn, IReadOnlyList<string>> ListValues(Region region, IReadOnlyList<Territory> territories) => new()
    {
        [ListColumn.Instruments] = Instruments.All,
        [ListColumn.YesNo] = [LineText.Yes, LineText.No],
        [ListColumn.Sectors] = [Sectors.AllLabel, .. Sectors.All.Select(s => s.Label)],
        [ListColumn.Genders] = ClientProfiles.Genders,
        [ListColumn.Ethnicities] = ClientProfiles.Ethnicities,
        [ListColumn.AgeRanges] = ClientProfiles.AgeRanges,
        [ListColumn.Communes] = [.. Communes.OfRegion(region.IsoSuffix).Select(c => c.Name)],
        [ListColumn.TerritoryOptions] = [LineText.WholeRegion, .. territories.Select(t => t.Name)],
    };

    private static OpenXmlElement[] ListsSheet(SortedDictionary<ListColumn, IReadOnlyList<string>> lists)
    {
        var data = new SheetData(XlsxParts.TextRow(1, ["Instrumentos", "Sí/No", "Sectores", "Género", "Etnia", "Rango etario", "Comunas", "Territorios"], XlsxParts.Header));
        var height = lists.Values.Max(v => v.Count);
        for (var i = 0; i < height; i++)
        {
            data.Append(XlsxParts.TextRow(i + 2, lists.Values.Select(v => i < v.Count ? v[i] : "")));
        }
        return [data, XlsxParts.Protect()];
    }

    /// <summary>
    /// Drop-downs from the «Listas» sheet on rows <paramref name="firstRow"/>..<paramref name="lastRow"/>.
    /// A strict one refuses other values; the others (sectors, communes, territory) only warn, since a
    /// cell may hold several values separated by «;» or a territory declared after the download.
    /// </summary>
    private static DataValidations Validations(
        SortedDictionary<ListColumn, IReadOnlyList<string>> lists, int firstRow, int lastRow, params (string Column, ListColumn List, bool Strict)[] columns)
    {
        var validations = new DataValidations { Count = (uint)columns.Length };
        foreach (var (column, list, strict) in columns)
        {
            var letter = TemplateLayout.ColumnName((int)list);
            var range = $"Listas!${letter}$2:${letter}${lists[list].Count + 1}";
            validations.Append(new DataValidation(new Formula1(range))
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowErrorMessage = true,
                ErrorStyle = strict ? DataValidationErrorStyleValues.Stop : DataValidationErrorStyleValues.Information,
                ErrorTitle = "Valor fuera de la lista",
                Error = strict ? "Elija un valor de la lista desplegable." : "El valor no está en la lista; se revisa al subir el archivo (varios valores van separados por «;»).",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}{firstRow}:{column}{lastRow}" },
            });
        }
        return validations;
    }
}
