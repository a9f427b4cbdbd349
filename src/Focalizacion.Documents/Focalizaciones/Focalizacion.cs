using NodaTime;

namespace Focalizacion.Documents.Focalizaciones;

/// <summary>Whether a focalización is the GORE's preliminary (November) or its final (December, approved by the CORE).</summary>
public enum Stage
{
    Preliminar,
    Final,
}

/// <summary>
/// A region's focalización for one budget year: per transferred instrument, its lines (or one line
/// «No» = explicitly sin focalización), the territory model the lines may name and, for a final, the
/// Consejo Regional's approval.
/// </summary>
/// <param name="Region">ISO 3166-2:CL suffix of the region ("NB"), as in <c>RegionRegistry</c>.</param>
/// <param name="BudgetYear">The budget year the focalización is for.</param>
/// <param name="Stage">Preliminary or final.</param>
/// <param name="Lines">The lines, in the order the GORE wrote them.</param>
/// <param name="Territories">The GORE's territory model: named groups of the region's communes.</param>
/// <param name="Acta">For a final: the acta or acuerdo CORE (its PDF is archived elsewhere); null otherwise or when not yet given.</param>
public sealed record Focalizacion(
    string Region,
    int BudgetYear,
    Stage Stage,
    IReadOnlyList<FocalizacionLine> Lines,
    IReadOnlyList<Territory> Territories,
    ActaCore? Acta = null);

/// <summary>One line of a focalización: an acción o proyecto of one instrument with its criteria, amount and coverage.</summary>
/// <param name="Instrument">One of <c>Instruments.All</c>, as written there.</param>
/// <param name="Action">Acción o proyecto; with the instrument, the key a line is matched by across versions.</param>
/// <param name="Description">Descripción y orientación estratégica.</param>
/// <param name="Focalizes">False on the single line that says the instrument is not focalized.</param>
/// <param name="Territorial">Where: communes, the whole region or a named territory; null when not given.</param>
/// <param name="Sectors">CIIU4.CL 2012 section codes ("A" … "U"), see <see cref="Catalogos.Sectors"/>.</param>
/// <param name="Profile">Perfil de clientes.</param>
/// <param name="Budget">Presupuesto in whole pesos; null when not given.</param>
/// <param name="Coverage">Cobertura estimada (beneficiaries); null when not given.</param>
/// <param name="Commitment">Compromiso de gobierno: whether the line answers one, and which; null when not given.</param>
/// <param name="StrategicObjective">Objetivo estratégico.</param>
/// <param name="Challenge">Desafío u oportunidad.</param>
public sealed record FocalizacionLine(
    string Instrument,
    string Action,
    string Description,
    bool Focalizes,
    TerritorialCriterion? Territorial,
    IReadOnlyList<string> Sectors,
    ClientProfile Profile,
    long? Budget,
    long? Coverage,
    GovernmentCommitment? Commitment,
    string StrategicObjective,
    string Challenge)
{
    /// <summary>The single line that declares an instrument explicitly sin focalización.</summary>
    public static FocalizacionLine NotFocalized(string instrument) =>
        new(instrument, "", "", false, null, [], ClientProfile.Empty, null, null, null, "", "");
}

/// <summary>How a line's territory is given.</summary>
public enum TerritorialKind
{
    /// <summary>A list of communes of the region, by CUT.</summary>
    Communes,

    /// <summary>«Toda la región».</summary>
    WholeRegion,

    /// <summary>A territory of the GORE's territory model, by name.</summary>
    Territory,
}

/// <summary>A line's territorial criterion.</summary>
/// <param name="Kind">Which of the three forms.</param>
/// <param name="Communes">The communes' CUT codes when <see cref="Kind"/> is <see cref="TerritorialKind.Communes"/>; empty otherwise.</param>
/// <param name="TerritoryName">The territory's name when <see cref="Kind"/> is <see cref="TerritorialKind.Territory"/>; null otherwise.</param>
public sealed record TerritorialCriterion(TerritorialKind Kind, IReadOnlyList<string> Communes, string? TerritoryName)
{
    public static TerritorialCriterion WholeRegion { get; } = new(TerritorialKind.WholeRegion, [], null);

    public static TerritorialCriterion OfCommunes(IReadOnlyList<string> cuts) => new(TerritorialKind.Communes, cuts, null);

    public static TerritorialCriterion OfTerritory(string name) => new(TerritorialKind.Territory, [], name);
}

/// <summary>A territory of the GORE's territory model: a named group of the region's communes (by CUT).</summary>
public sealed record Territory(string Name, IReadOnlyList<string> Communes);

/// <summary>Perfil de clientes: each value one of <see cref="Catalogos.ClientProfiles"/>' lists; empty when not given.</summary>
public sealed record ClientProfile(string Gender, string Ethnicity, string AgeRange)
{
    public static ClientProfile Empty { get; } = new("", "", "");
}

/// <summary>Compromiso de gobierno: whether the line answers one and, if so, which.</summary>
public sealed record GovernmentCommitment(bool Answers, string Which);

/// <summary>The Consejo Regional's approval of a final: the acta or acuerdo number and the session's date (the PDF is archived apart).</summary>
public sealed record ActaCore(string? Number, LocalDate? SessionDate);
