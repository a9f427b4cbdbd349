using System.Globalization;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Catalogos;
using Focalizacion.Documents.Comunas;
using Focalizacion.Documents.Focalizaciones;
using NodaTime;

namespace Focalizacion.Documents.Plantilla;

/// <summary>
/// Turns the cells of the template's sheets into the model, reporting every problem by sheet and cell
/// (<see cref="ProblemList"/>); a cell with a problem gives no value, so the document is never partial.
/// </summary>
internal sealed class LineParser(Region region, ProblemList problems, WorkbookLimits limits)
{
    private const string Main = TemplateLayout.MainSheet;
    private const string TerritoriesSheet = TemplateLayout.TerritoriesSheet;

    /// <summary>Checks the header block (region, year, stage) and reads a final's acta CORE.</summary>
    public ActaCore? Header(SortedDictionary<int, CellText?[]> rows, int year, Stage stage)
    {
        string? At(int row, int column) => rows.TryGetValue(row, out var cells) ? Text(Main, TemplateLayout.Cell(TemplateLayout.ColumnName(column), row), cells[column - 1]) : null;
        var regionText = At(1, 2);
        if (regionText is null || RegionRegistry.Find(regionText) is not { } fileRegion)
        {
            problems.Add(Main, TemplateLayout.RegionCell, $"falta la región de la plantilla ({region.OfficialName}); use la plantilla descargada del servicio");
        }
        else if (fileRegion.IsoSuffix != region.IsoSuffix)
        {
            problems.Add(Main, TemplateLayout.RegionCell, $"la plantilla es de la {fileRegion.OfficialName}; esta carga es de la {region.OfficialName}");
        }
        var yearText = At(2, 2);
        if (yearText != year.ToString(CultureInfo.InvariantCulture))
        {
            problems.Add(Main, TemplateLayout.YearCell, $"la plantilla es del año {Spanish.Quote(yearText ?? "")}; esta carga es del año presupuestario {year}");
        }
        var stageText = At(3, 2);
        if (stageText is null || TextMatch.Key(stageText) != TextMatch.Key(stage.ToString()))
        {
            problems.Add(Main, TemplateLayout.StageCell, $"la plantilla es de la etapa {Spanish.Quote(stageText ?? "")}; esta carga es de la focalización {stage.ToString().ToLowerInvariant()}");
        }
        if (stage != Stage.Final)
        {
            return null;
        }
        var number = At(1, 5);
        LocalDate? date = null;
        if (rows.TryGetValue(2, out var row2) && row2[4] is { } dateCell)
        {
            date = Date(dateCell);
            if (date is null)
            {
                problems.Add(Main, TemplateLayout.ActaDateCell, $"la fecha de la sesión del CORE {Spanish.Quote(dateCell.Text)} no es una fecha; escríbala como dd-mm-aaaa (por ejemplo 15-12-{year - 1})");
            }
        }
        return number is null && date is null ? null : new ActaCore(number, date);
    }

    /// <summary>The «Territorios» sheet: one territory per row, unique names, communes of the region.</summary>
    public IReadOnlyList<Territory> Territories(SortedDictionary<int, CellText?[]> rows)
    {
        var territories = new List<Territory>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, cells) in rows.Where(r => r.Key >= TemplateLayout.TerritoryFirstRow))
        {
            var nameCell = TemplateLayout.Cell("A", row);
            var name = Text(TerritoriesSheet, nameCell, cells[0]);
            var communes = Communes(TerritoriesSheet, TemplateLayout.Cell("B", row), Text(TerritoriesSheet, TemplateLayout.Cell("B", row), cells[1]));
            if (name is null)
            {
                problems.Add(TerritoriesSheet, nameCell, "falta el nombre del territorio");
                continue;
            }
            var key = TextMatch.Key(name);
            if (key == TextMatch.Key(LineText.WholeRegion))
            {
                problems.Add(TerritoriesSheet, nameCell, $"{Spanish.Quote(LineText.WholeRegion)} no es un nombre de territorio: ya significa la región completa");
            }
            else if (seen.TryGetValue(key, out var first))
            {
                problems.Add(TerritoriesSheet, nameCell, $"el territorio {Spanish.Quote(name)} ya está declarado en {TerritoriesSheet}!A{first}; cada nombre va una sola vez");
            }
            else
            {
                seen[key] = row;
            }
            if (communes is { Count: 0 })
            {
                problems.Add(TerritoriesSheet, TemplateLayout.Cell("B", row), $"faltan las comunas del territorio {Spanish.Quote(name)}");
            }
            territories.Add(new Territory(name, communes ?? []));
        }
        return territories;
    }

    /// <summary>The «Focalización» sheet's lines, then the rules over all of them (instruments present, «No» alone, no repeated acción).</summary>
    public IReadOnlyList<FocalizacionLine> Lines(SortedDictionary<int, CellText?[]> rows, IReadOnlyList<Territory> territories)
    {
        var lines = new List<(int Row, FocalizacionLine Line)>();
        foreach (var (row, cells) in rows.Where(r => r.Key >= TemplateLayout.FirstDataRow))
        {
            if (Line(row, cells, territories) is { } line)
            {
                lines.Add((row, line));
            }
        }
        var all = lines.Select(l => l.Line).ToList();
        foreach (var instrument in FocalizacionRules.MissingInstruments(all))
        {
            if (!lines.Any(l => l.Line.Instrument == instrument))
            {
                problems.Add(Main, null, $"falta el instrumento {Spanish.Quote(instrument)}: agregue sus líneas, o una sola línea con «No» en Focaliza si no se focaliza");
            }
        }
        foreach (var instrument in FocalizacionRules.MixedNotFocalized(all))
        {
            var row = lines.First(l => l.Line.Instrument == instrument && !l.Line.Focalizes).Row;
            problems.Add(Main, TemplateLayout.Cell("D", row),
                $"el instrumento {Spanish.Quote(instrument)} tiene una línea «No» (sin focalización) y otras líneas; un instrumento sin focalización lleva una sola línea");
        }
        var keys = new Dictionary<(string, string), int>();
        foreach (var (row, line) in lines)
        {
            if (!keys.TryAdd(FocalizacionRules.Key(line), row))
            {
                problems.Add(Main, TemplateLayout.Cell("B", row),
                    $"la acción {Spanish.Quote(line.Action)} del instrumento {Spanish.Quote(line.Instrument)} ya está en la fila {keys[FocalizacionRules.Key(line)]}; cada acción va una vez por instrumento");
            }
        }
        return all;
    }

    private FocalizacionLine? Line(int row, CellText?[] cells, IReadOnlyList<Territory> territories)
    {
        string Ref(string column) => TemplateLayout.Cell(column, row);
        var failed = new HashSet<LineField>();
        string? Cell(LineField field, string? column = null)
        {
            column ??= TemplateLayout.ColumnOf(field);
            var content = cells[column[0] - 'A'];
            if (content?.Text.Length > limits.MaxCellText)
            {
                failed.Add(field);
            }
            return Text(Main, Ref(column), content);
        }
        var instrumentText = Cell(LineField.Instrument);
        var instrument = instrumentText is null ? null : FocalizacionRules.FindInstrument(instrumentText);
        if (instrumentText is not null && instrument is null)
        {
            failed.Add(LineField.Instrument);
            problems.Add(Main, Ref("A"), $"el instrumento {Spanish.Quote(instrumentText)} no es un instrumento transferido{TextMatch.DidYouMean(TextMatch.Suggest(instrumentText, Instruments.All, 1))}; elija uno de la lista desplegable");
        }
        var focalizes = YesNo(Cell(LineField.Focalizes), Ref("D"), LineField.Focalizes, failed);
        var territorial = Territorial(Cell(LineField.Territorial, "E"), Cell(LineField.Territorial, "F"), row, territories, failed);
        var sectors = SectorCodes(Cell(LineField.Sectors), Ref("G"), failed);
        var profile = new ClientProfile(
            Option(Cell(LineField.Gender), ClientProfiles.Genders, "Género", Ref("H"), LineField.Gender, failed),
            Option(Cell(LineField.Ethnicity), ClientProfiles.Ethnicities, "Etnia", Ref("I"), LineField.Ethnicity, failed),
            Option(Cell(LineField.AgeRange), ClientProfiles.AgeRanges, "Rango etario", Ref("J"), LineField.AgeRange, failed));
        var budget = Whole(cells[10], Ref("K"), "el presupuesto", pesos: true, LineField.Budget, failed);
        var coverage = Whole(cells[11], Ref("L"), "la cobertura estimada", pesos: false, LineField.Coverage, failed);
        var answers = YesNo(Cell(LineField.Commitment), Ref("M"), LineField.Commitment, failed);
        var which = Cell(LineField.CommitmentWhich) ?? "";
        var line = new FocalizacionLine(
            instrument ?? instrumentText ?? "",
            Cell(LineField.Action) ?? "",
            Cell(LineField.Description) ?? "",
            focalizes ?? true,
            territorial,
            sectors,
            profile,
            budget,
            coverage,
            answers is { } a ? new GovernmentCommitment(a, which) : which.Length > 0 ? new GovernmentCommitment(true, which) : null,
            Cell(LineField.StrategicObjective) ?? "",
            Cell(LineField.Challenge) ?? "");
        if (focalizes is null && !failed.Contains(LineField.Focalizes))
        {
            problems.Add(Main, Ref("D"), "falta «Focaliza»: escriba «Sí», o «No» si el instrumento no se focaliza");
        }
        if (answers is null && which.Length > 0 && !failed.Contains(LineField.Commitment))
        {
            problems.Add(Main, Ref("M"), "falta «Compromiso de gobierno» («Sí» o «No») para el compromiso indicado");
            failed.Add(LineField.Commitment);
        }
        foreach (var field in FocalizacionRules.MissingFields(line).Where(f => !failed.Contains(f)))
        {
            var column = field == LineField.Territorial ? "E" : TemplateLayout.ColumnOf(field);
            var what = field == LineField.Territorial ? "el criterio territorial: «Toda la región» o un territorio en la columna E, o las comunas en la columna F" : Spanish.Quote(LineFields.Label(field));
            problems.Add(Main, Ref(column), $"falta {what}");
        }
        return failed.Contains(LineField.Instrument) ? null : line;
    }

    private TerritorialCriterion? Territorial(string? territory, string? communes, int row, IReadOnlyList<Territory> territories, HashSet<LineField> failed)
    {
        var e = TemplateLayout.Cell("E", row);
        if (territory is not null && communes is not null)
        {
            failed.Add(LineField.Territorial);
            problems.Add(Main, e, "indique el territorio (columna E) o las comunas (columna F), no ambos");
            return null;
        }
        if (territory is not null)
        {
            var key = TextMatch.Key(territory);
            if (key == TextMatch.Key(LineText.WholeRegion) || key == "todas las comunas")
            {
                return TerritorialCriterion.WholeRegion;
            }
            if (territories.FirstOrDefault(t => TextMatch.Key(t.Name) == key) is { } known)
            {
                return TerritorialCriterion.OfTerritory(known.Name);
            }
            failed.Add(LineField.Territorial);
            var near = TextMatch.DidYouMean(TextMatch.Suggest(territory, territories.Select(t => t.Name).Append(LineText.WholeRegion)));
            problems.Add(Main, e, $"el territorio {Spanish.Quote(territory)} no está declarado en la hoja «Territorios»{near}");
            return null;
        }
        if (communes is null)
        {
            return null;
        }
        var cuts = Communes(Main, TemplateLayout.Cell("F", row), communes);
        if (cuts is null)
        {
            failed.Add(LineField.Territorial);
            return null;
        }
        return TerritorialCriterion.OfCommunes(cuts);
    }

    /// <summary>The communes of a cell (names or CUT, separated by «;» or «,»), by CUT; null when one is not of the region.</summary>
    private List<string>? Communes(string sheet, string cell, string? text)
    {
        if (text is null)
        {
            return [];
        }
        var cuts = new List<string>();
        var ok = true;
        foreach (var typed in text.Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Comunas.Communes.Resolve(region.IsoSuffix, typed);
            if (match is CommuneMatch.Found found)
            {
                if (!cuts.Contains(found.Commune.Cut))
                {
                    cuts.Add(found.Commune.Cut);
                }
            }
            else
            {
                ok = false;
                problems.Add(sheet, cell, Comunas.Communes.Problem(region.IsoSuffix, typed, match)!);
            }
        }
        return ok ? cuts : null;
    }

    /// <summary>
    /// The sections of a sectors cell. Items are separated by «;», but some section names hold a «;»
    /// themselves: an item that is not a section is tried joined with the next one.
    /// </summary>
    private List<string> SectorCodes(string? text, string cell, HashSet<LineField> failed)
    {
        if (text is null)
        {
            return [];
        }
        if (TextMatch.Key(text) == TextMatch.Key(Sectors.AllLabel))
        {
            return [.. Sectors.All.Select(s => s.Code)];
        }
        var items = text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var codes = new List<string>();
        for (var i = 0; i < items.Length; i++)
        {
            var sector = Sectors.Find(items[i]);
            var joined = items[i];
            for (var j = i + 1; sector is null && j < items.Length && j <= i + 2; j++)
            {
                joined += "; " + items[j];
                if (Sectors.Find(joined) is { } longer)
                {
                    sector = longer;
                    i = j;
                }
            }
            if (sector is null)
            {
                failed.Add(LineField.Sectors);
                var near = TextMatch.DidYouMean(TextMatch.Suggest(items[i], Sectors.All.Select(s => s.Name), 2));
                problems.Add(Main, cell, $"el sector {Spanish.Quote(items[i])} no está en la lista de sectores (CIIU4.CL 2012){near}; elija de la lista desplegable");
            }
            else if (!codes.Contains(sector.Code))
            {
                codes.Add(sector.Code);
            }
        }
        return codes;
    }

    private string Option(string? text, IReadOnlyList<string> options, string label, string cell, LineField field, HashSet<LineField> failed)
    {
        if (text is null)
        {
            return "";
        }
        if (ClientProfiles.Find(options, text) is { } option)
        {
            return option;
        }
        failed.Add(field);
        problems.Add(Main, cell, $"{Spanish.Quote(text)} no es una opción de {label}; elija de la lista desplegable ({string.Join(", ", options)})");
        return "";
    }

    private bool? YesNo(string? text, string cell, LineField field, HashSet<LineField> failed)
    {
        if (text is null)
        {
            return null;
        }
        switch (TextMatch.Key(text))
        {
            case "si" or "s" or "1":
                return true;
            case "no" or "n" or "0":
                return false;
            default:
                failed.Add(field);
                problems.Add(Main, cell, $"escriba «Sí» o «No» (dice {Spanish.Quote(text)})");
                return null;
        }
    }

    /// <summary>A whole number ≥ 0 from a number cell or Chilean-formatted text ("150.000.000", "$ 150.000.000").</summary>
    private long? Whole(CellText? value, string cell, string what, bool pesos, LineField field, HashSet<LineField> failed)
    {
        if (value is not { } content || Text(Main, cell, value) is null)
        {
            if (value?.Text.Length > limits.MaxCellText)
            {
                failed.Add(field);
            }
            return null;
        }
        var (number, error) = ParseWhole(content, pesos);
        if (error is not null)
        {
            failed.Add(field);
            problems.Add(Main, cell, $"{what} {error} (dice {Spanish.Quote(content.Text)})");
        }
        return number;
    }

    internal static (long? Value, string? Error) ParseWhole(CellText content, bool pesos) =>
        content.IsNumber ? WholeNumbers.FromCell(content.Text, pesos) : WholeNumbers.Parse(content.Text, pesos);

    /// <summary>A date from a date cell (Excel's serial day number) or text dd-mm-aaaa (also with «/» or «.») or ISO aaaa-mm-dd.</summary>
    internal static LocalDate? Date(CellText content)
    {
        if (content.IsNumber)
        {
            return double.TryParse(content.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2_958_466
                ? new LocalDate(1899, 12, 30).PlusDays((int)serial)
                : null;
        }
        var parts = content.Text.Trim().Split(['-', '/', '.']);
        if (parts.Length != 3 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit) && p.Length <= 4))
        {
            return null;
        }
        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var (day, month, year) = parts[0].Length == 4 ? (numbers[2], numbers[1], numbers[0]) : (numbers[0], numbers[1], numbers[2]);
        return year is >= 1900 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month)
            ? new LocalDate(year, month, day)
            : null;
    }

    /// <summary>A cell's trimmed text, null when empty; a text over the limit is a problem and gives null.</summary>
    private string? Text(string sheet, string cell, CellText? value)
    {
        if (value is not { } content)
        {
            return null;
        }
        if (content.Text.Length > limits.MaxCellText)
        {
            problems.Add(sheet, cell, $"el texto tiene {LineText.Whole(content.Text.Length)} caracteres; el máximo por celda es {LineText.Whole(limits.MaxCellText)}");
            return null;
        }
        var text = content.Text.Trim();
        return text.Length == 0 ? null : text;
    }
}
