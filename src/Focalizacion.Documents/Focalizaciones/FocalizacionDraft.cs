namespace Focalizacion.Documents.Focalizaciones;

/// <summary>
/// A focalización as a GORE types it in the web form, before anything is checked: each line holds
/// the text of the template's columns (by letter, "A" to "P"), so a draft may be incomplete or wrong
/// and is checked by the template's own rules only when it is submitted (<c>DraftReader</c>).
/// </summary>
/// <param name="ActaNumber">A final's acta or acuerdo CORE number, as typed.</param>
/// <param name="ActaDate">The CORE session's date, as typed (the form's date field gives aaaa-mm-dd).</param>
/// <param name="Lines">The lines, in order: column letter → text; a missing letter is an empty cell.</param>
/// <param name="Territories">The territory model's rows.</param>
public sealed record FocalizacionDraft(
    string ActaNumber,
    string ActaDate,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Lines,
    IReadOnlyList<DraftTerritory> Territories)
{
    /// <summary>Lines one web form holds; more is a workbook's job.</summary>
    public const int MaxLines = 200;

    /// <summary>Territories one web form holds.</summary>
    public const int MaxTerritories = 50;

    /// <summary>Nothing typed yet.</summary>
    public static FocalizacionDraft Empty { get; } = new("", "", [], []);

    /// <summary>The text of <paramref name="column"/> in line <paramref name="line"/> (0-based); empty when there is none.</summary>
    public string Cell(int line, string column) =>
        line >= 0 && line < Lines.Count && Lines[line].TryGetValue(column, out var text) ? text : "";
}

/// <summary>One territory of a draft: its name and its communes as typed (names separated by «; »).</summary>
public sealed record DraftTerritory(string Name, string Communes);
