using Focalizacion.Calendar.Regions;
using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Documents.Plantilla;

/// <summary>Where a problem of a draft is: a line's column, a territory's name or communes, the acta, or the document as a whole.</summary>
public enum DraftPart
{
    Document,
    Line,
    Territory,
    Acta,
}

/// <summary>The place of a problem in a draft.</summary>
/// <param name="Part">Which part.</param>
/// <param name="Index">The line's or territory's index (0-based); 0 otherwise.</param>
/// <param name="Column">The template column ("A"–"P" of a line; "A" name or "B" communes of a territory); for the acta <see cref="DraftReader.ActaNumber"/> or <see cref="DraftReader.ActaDate"/>; null for the document.</param>
public sealed record DraftPlace(DraftPart Part, int Index, string? Column);

/// <summary>
/// Checks a web form's draft with the very rules of an uploaded workbook: the draft is laid out as the
/// template's cells (header block, one row per line, the «Territorios» sheet) and read by the same
/// parser, so it gives the same focalización or the same problems, each named by sheet and cell;
/// <see cref="PlaceOf"/> turns a cell back into the form's field.
/// </summary>
public static class DraftReader
{
    /// <summary>The acta's fields, as <see cref="DraftPlace.Column"/> names them.</summary>
    public const string ActaNumber = "numero";
    public const string ActaDate = "fecha";

    /// <summary>The template's line columns, A to P, with the field each holds (E and F both <see cref="LineField.Territorial"/>).</summary>
    public static IReadOnlyList<(string Letter, LineField Field)> Columns { get; } = [.. TemplateLayout.Columns.Select(c => (c.Letter, c.Field))];

    /// <summary>Reads <paramref name="draft"/> as the focalización of <paramref name="stage"/> for the region and year.</summary>
    public static WorkbookReadResult Read(FocalizacionDraft draft, string regionIsoSuffix, int budgetYear, Stage stage, WorkbookLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        limits ??= WorkbookLimits.Default;
        var region = RegionRegistry.ByIsoSuffix(regionIsoSuffix);
        if (draft.Lines.Count > FocalizacionDraft.MaxLines || draft.Territories.Count > FocalizacionDraft.MaxTerritories)
        {
            return WorkbookReadResult.Refused($"el formulario admite hasta {FocalizacionDraft.MaxLines} líneas y {FocalizacionDraft.MaxTerritories} territorios; para más, use la planilla");
        }
        static CellText? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : new CellText(text, false);
        var lines = new SortedDictionary<int, CellText?[]>
        {
            [1] = Row(TemplateLayout.Columns.Count, (2, region.OfficialName), (5, draft.ActaNumber)),
            [2] = Row(TemplateLayout.Columns.Count, (2, budgetYear.ToString(System.Globalization.CultureInfo.InvariantCulture)), (5, draft.ActaDate)),
            [3] = Row(TemplateLayout.Columns.Count, (2, stage.ToString())),
        };
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var cells = TemplateLayout.Columns.Select(c => Text(draft.Cell(i, c.Letter))).ToArray();
            if (cells.Any(c => c is not null))
            {
                lines[TemplateLayout.FirstDataRow + i] = cells;
            }
        }
        var territories = new SortedDictionary<int, CellText?[]>();
        for (var i = 0; i < draft.Territories.Count; i++)
        {
            var cells = new[] { Text(draft.Territories[i].Name), Text(draft.Territories[i].Communes) };
            if (cells.Any(c => c is not null))
            {
                territories[TemplateLayout.TerritoryFirstRow + i] = cells;
            }
        }
        return WorkbookReader.Parse(lines, territories, new ProblemList(limits.MaxProblems), region, budgetYear, stage, limits);

        static CellText?[] Row(int columns, params (int Column, string Text)[] values)
        {
            var row = new CellText?[columns];
            foreach (var (column, text) in values)
            {
                row[column - 1] = Text(text);
            }
            return row;
        }
    }

    /// <summary>
    /// The draft of <paramref name="focalizacion"/> as the form shows it (choices and texts as a GORE would type
    /// them, amounts as whole pesos, the acta's date as the date field gives it, aaaa-mm-dd): what a new version
    /// starts from, so the GORE corrects the last one instead of typing it again. <see cref="Read"/> gives it back.
    /// </summary>
    public static FocalizacionDraft DraftOf(Focalizaciones.Focalizacion focalizacion)
    {
        ArgumentNullException.ThrowIfNull(focalizacion);
        return new FocalizacionDraft(
            focalizacion.Acta?.Number ?? "",
            focalizacion.Acta?.SessionDate?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            [.. focalizacion.Lines.Select(Cells)],
            [.. focalizacion.Territories.Select(t => new DraftTerritory(t.Name, LineText.CommuneNames(t.Communes)))]);
    }

    private static IReadOnlyDictionary<string, string> Cells(FocalizacionLine line)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["A"] = line.Instrument,
            ["D"] = LineText.YesNo(line.Focalizes),
        };
        if (!line.Focalizes)
        {
            return cells;
        }
        foreach (var (letter, field) in Columns.Where(c => c.Letter is not ("A" or "D")))
        {
            var text = letter switch
            {
                "E" => LineText.Territory(line.Territorial),
                "F" => LineText.LineCommunes(line.Territorial),
                "K" => line.Budget is { } budget ? LineText.Whole(budget) : "",
                _ => LineText.Field(line, field),
            };
            if (text.Length > 0)
            {
                cells[letter] = text;
            }
        }
        return cells;
    }

    /// <summary>Where in the draft <paramref name="problem"/> (a problem <see cref="Read"/> gave) is.</summary>
    public static DraftPlace PlaceOf(WorkbookProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Cell is not { Length: >= 2 } cell)
        {
            return new DraftPlace(DraftPart.Document, 0, null);
        }
        var column = new string([.. cell.TakeWhile(char.IsAsciiLetterUpper)]);
        if (!int.TryParse(cell.AsSpan(column.Length), System.Globalization.CultureInfo.InvariantCulture, out var row))
        {
            return new DraftPlace(DraftPart.Document, 0, null);
        }
        return problem.Sheet switch
        {
            TemplateLayout.TerritoriesSheet => new DraftPlace(DraftPart.Territory, row - TemplateLayout.TerritoryFirstRow, column),
            TemplateLayout.MainSheet when cell is TemplateLayout.ActaNumberCell or TemplateLayout.ActaDateCell =>
                new DraftPlace(DraftPart.Acta, 0, cell == TemplateLayout.ActaNumberCell ? ActaNumber : ActaDate),
            TemplateLayout.MainSheet when row >= TemplateLayout.FirstDataRow => new DraftPlace(DraftPart.Line, row - TemplateLayout.FirstDataRow, column),
            _ => new DraftPlace(DraftPart.Document, 0, null),
        };
    }
}
