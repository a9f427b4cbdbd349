using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Regions;
using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Documents.Plantilla;

/// <summary>
/// Reads an uploaded template back into a focalización, safely and within <see cref="WorkbookLimits"/>:
/// the package is checked before parsing (<see cref="PackageGuard"/>), the sheets are read with the SAX
/// reader, and every problem is named by sheet and cell in Spanish. A file with any problem gives no
/// focalización.
/// </summary>
public static class WorkbookReader
{
    /// <summary>
    /// Reads <paramref name="upload"/> as the template of <paramref name="regionIsoSuffix"/>, <paramref name="budgetYear"/>
    /// and <paramref name="stage"/>. A seekable stream is read in place; any other is copied once into memory, up to the size limit.
    /// </summary>
    public static WorkbookReadResult Read(Stream upload, string regionIsoSuffix, int budgetYear, Stage stage, WorkbookLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(upload);
        limits ??= WorkbookLimits.Default;
        var region = RegionRegistry.ByIsoSuffix(regionIsoSuffix);
        var tooLarge = $"El archivo pesa más de {LineText.Whole(limits.MaxBytes / 1_048_576)} MB, el máximo que se acepta.";
        Stream package;
        if (upload.CanSeek && upload.Position == 0)
        {
            if (upload.Length > limits.MaxBytes)
            {
                return WorkbookReadResult.Refused(tooLarge);
            }
            package = upload;
        }
        else
        {
            var copy = new MemoryStream();
            var buffer = new byte[81_920];
            int read;
            while ((read = upload.Read(buffer)) > 0)
            {
                if (copy.Length + read > limits.MaxBytes)
                {
                    return WorkbookReadResult.Refused(tooLarge);
                }
                copy.Write(buffer, 0, read);
            }
            package = copy;
        }
        try
        {
            if (PackageGuard.Check(package, limits) is { } refusal)
            {
                return WorkbookReadResult.Refused(refusal);
            }
            using var document = SpreadsheetDocument.Open(package, false, new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes });
            return ReadDocument(document, region, budgetYear, stage, limits);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or InvalidOperationException or IOException)
        {
            return WorkbookReadResult.Refused(PackageGuard.NotXlsx);
        }
        finally
        {
            if (!ReferenceEquals(package, upload))
            {
                package.Dispose();
            }
        }
    }

    private static WorkbookReadResult ReadDocument(SpreadsheetDocument document, Region region, int year, Stage stage, WorkbookLimits limits)
    {
        if (document.WorkbookPart is not { } workbook)
        {
            return WorkbookReadResult.Refused(PackageGuard.NotXlsx);
        }
        WorksheetPart? Sheet(string name) =>
            workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == name) is { Id.Value: { } id }
            && workbook.TryGetPartById(id, out var part) ? part as WorksheetPart : null;
        var main = Sheet(TemplateLayout.MainSheet);
        var territorySheet = Sheet(TemplateLayout.TerritoriesSheet);
        if (main is null || territorySheet is null)
        {
            var missing = main is null ? TemplateLayout.MainSheet : TemplateLayout.TerritoriesSheet;
            return WorkbookReadResult.Refused($"El libro no tiene la hoja {Spanish.Quote(missing)}: use la plantilla descargada del servicio sin cambiar los nombres de sus hojas.");
        }
        if (SheetCells.SharedStrings(workbook, limits) is not { } shared)
        {
            return WorkbookReadResult.Refused($"El libro tiene más de {LineText.Whole(limits.MaxSharedStrings)} textos distintos; no se procesa.");
        }
        var problems = new ProblemList(limits.MaxProblems);
        void Outside(string sheet, string cell) => problems.Add(sheet, cell, "la plantilla no tiene esta columna; deje la celda vacía o mueva su contenido a la columna que corresponde");
        var territoryRows = SheetCells.Read(territorySheet, shared, 2, limits.MaxTerritories + 1, c => Outside(TemplateLayout.TerritoriesSheet, c));
        if (territoryRows is null)
        {
            return WorkbookReadResult.Refused($"La hoja «Territorios» tiene más de {LineText.Whole(limits.MaxTerritories)} territorios, el máximo que se acepta.");
        }
        var lineRows = SheetCells.Read(main, shared, TemplateLayout.Columns.Count, limits.MaxLines + TemplateLayout.HeaderRow, c => Outside(TemplateLayout.MainSheet, c));
        if (lineRows is null)
        {
            return WorkbookReadResult.Refused($"La hoja «Focalización» tiene más de {LineText.Whole(limits.MaxLines)} líneas, el máximo que se acepta. Divida la información o revise si hay filas con contenido sobrante.");
        }
        return Parse(lineRows, territoryRows, problems, region, year, stage, limits);
    }

    /// <summary>
    /// The template's cells (its «Focalización» and «Territorios» sheets, by row) as a focalización, or
    /// their problems: the one set of rules for a workbook and for the web form's draft (<see cref="DraftReader"/>).
    /// </summary>
    internal static WorkbookReadResult Parse(
        SortedDictionary<int, CellText?[]> lineRows, SortedDictionary<int, CellText?[]> territoryRows, ProblemList problems, Region region, int year, Stage stage, WorkbookLimits limits)
    {
        var parser = new LineParser(region, problems, limits);
        var acta = parser.Header(lineRows, year, stage);
        var territories = parser.Territories(territoryRows);
        var lines = parser.Lines(lineRows, territories);
        return problems.Result(new Focalizaciones.Focalizacion(region.IsoSuffix, year, stage, lines, territories, acta));
    }
}
