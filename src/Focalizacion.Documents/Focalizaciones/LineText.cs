using Focalizacion.Documents.Catalogos;
using Focalizacion.Documents.Comunas;

namespace Focalizacion.Documents.Focalizaciones;

/// <summary>
/// A line's fields as people read them (the template's cells, the exports, the diff): «Sí»/«No»,
/// communes by name separated by «; », sectors by label or «Todos los sectores».
/// </summary>
public static class LineText
{
    public const string Yes = "Sí";
    public const string No = "No";

    /// <summary>What the territory column says for the whole region.</summary>
    public const string WholeRegion = "Toda la región";

    /// <summary>The separator of several values in one cell.</summary>
    public const string Separator = "; ";

    public static string YesNo(bool value) => value ? Yes : No;

    /// <summary>The territory column: «Toda la región», the territory's name, or empty for communes.</summary>
    public static string Territory(TerritorialCriterion? criterion) => criterion?.Kind switch
    {
        TerritorialKind.WholeRegion => WholeRegion,
        TerritorialKind.Territory => criterion.TerritoryName ?? "",
        _ => "",
    };

    /// <summary>Communes by name ("Chillán; Chillán Viejo"); an unknown CUT is written as is.</summary>
    public static string CommuneNames(IEnumerable<string> cuts) =>
        string.Join(Separator, cuts.Select(cut => Communes.ByCode(cut)?.Name ?? cut));

    /// <summary>The communes column of a line (empty unless its criterion is a list of communes).</summary>
    public static string LineCommunes(TerritorialCriterion? criterion) =>
        criterion?.Kind == TerritorialKind.Communes ? CommuneNames(criterion.Communes) : "";

    public static string SectorLabels(IReadOnlyList<string> codes) =>
        Sectors.AreAll(codes) ? Sectors.AllLabel : string.Join(Separator, codes.Select(code => Sectors.All.FirstOrDefault(s => s.Code == code)?.Label ?? code));

    /// <summary>Whole pesos with Chilean thousands dots ("$ 150.000.000"); empty when not given.</summary>
    public static string Pesos(long? amount) => amount is { } value ? "$ " + Whole(value) : "";

    /// <summary>A whole number with Chilean thousands dots ("1.200").</summary>
    public static string Whole(long value) => value.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>Every field of a line as text, for the diff and the exports.</summary>
    public static string Field(FocalizacionLine line, LineField field)
    {
        ArgumentNullException.ThrowIfNull(line);
        return field switch
        {
            LineField.Instrument => line.Instrument,
            LineField.Action => line.Action,
            LineField.Description => line.Description,
            LineField.Focalizes => YesNo(line.Focalizes),
            LineField.Territorial => line.Territorial?.Kind == TerritorialKind.Communes ? LineCommunes(line.Territorial) : Territory(line.Territorial),
            LineField.Sectors => SectorLabels(line.Sectors),
            LineField.Gender => line.Profile.Gender,
            LineField.Ethnicity => line.Profile.Ethnicity,
            LineField.AgeRange => line.Profile.AgeRange,
            LineField.Budget => Pesos(line.Budget),
            LineField.Coverage => line.Coverage is { } coverage ? Whole(coverage) : "",
            LineField.Commitment => line.Commitment is { } commitment ? YesNo(commitment.Answers) : "",
            LineField.CommitmentWhich => line.Commitment?.Which ?? "",
            LineField.StrategicObjective => line.StrategicObjective,
            LineField.Challenge => line.Challenge,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }
}
