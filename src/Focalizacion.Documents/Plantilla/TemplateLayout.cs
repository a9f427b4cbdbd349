using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Documents.Plantilla;

/// <summary>
/// Where things are in the template, shared by its writer and its reader: sheet names, the header
/// block, the column of each field and the rows data starts at.
/// </summary>
internal static class TemplateLayout
{
    public const string InstructionsSheet = "Instrucciones";
    public const string MainSheet = "Focalización";
    public const string TerritoriesSheet = "Territorios";
    public const string ListsSheet = "Listas";

    /// <summary>B1: the region's official name; B2: the budget year; B3: the stage.</summary>
    public const string RegionCell = "B1";
    public const string YearCell = "B2";
    public const string StageCell = "B3";

    /// <summary>A final's acta CORE: E1 its number, E2 its session date.</summary>
    public const string ActaNumberCell = "E1";
    public const string ActaDateCell = "E2";

    public const int HeaderRow = 5;
    public const int FirstDataRow = 6;
    public const int TerritoryFirstRow = 2;

    /// <summary>The main sheet's columns, A to P, in order.</summary>
    public static IReadOnlyList<Column> Columns { get; } =
    [
        new("A", LineField.Instrument, "Instrumento", 30),
        new("B", LineField.Action, "Acción o proyecto", 30),
        new("C", LineField.Description, "Descripción y orientación estratégica", 45),
        new("D", LineField.Focalizes, "Focaliza (Sí/No)", 12),
        new("E", LineField.Territorial, "Territorio (Toda la región o un territorio de la hoja Territorios)", 28),
        new("F", LineField.Territorial, "Comunas (separadas por «;»)", 35),
        new("G", LineField.Sectors, "Sectores CIIU4.CL (separados por «;»)", 40),
        new("H", LineField.Gender, "Género", 16),
        new("I", LineField.Ethnicity, "Etnia", 22),
        new("J", LineField.AgeRange, "Rango etario", 24),
        new("K", LineField.Budget, "Presupuesto ($)", 18),
        new("L", LineField.Coverage, "Cobertura estimada (beneficiarios)", 16),
        new("M", LineField.Commitment, "Compromiso de gobierno (Sí/No)", 16),
        new("N", LineField.CommitmentWhich, "Cuál compromiso", 30),
        new("O", LineField.StrategicObjective, "Objetivo estratégico", 35),
        new("P", LineField.Challenge, "Desafío u oportunidad", 35),
    ];

    /// <summary>The column letter of a field (the communes' own column for <see cref="LineField.Territorial"/>: F).</summary>
    public static string ColumnOf(LineField field) => field == LineField.Territorial ? "F" : Columns.First(c => c.Field == field).Letter;

    /// <summary>One column of the main sheet.</summary>
    public sealed record Column(string Letter, LineField Field, string Header, double Width)
    {
        /// <summary>1-based index (A = 1).</summary>
        public int Index => Letter[0] - 'A' + 1;
    }

    /// <summary>"F" and 12 → "F12".</summary>
    public static string Cell(string column, int row) => column + row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>1 → "A", 27 → "AA".</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }
        return name;
    }
}
