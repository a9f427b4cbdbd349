using Focalizacion.Cycle.Directorio;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// What templates can use, under Spanish snake_case names: <c>region.nombre/nombre_oficial/codigo/sede</c>,
/// <c>anio_presupuestario</c>, <c>anio_ciclo</c>, <c>fecha</c>, <c>oficio.numero/anio/emisor</c>,
/// <c>plazo.fecha/dias_restantes</c>, <c>hito.clave/descripcion/responsable</c>, <c>destinatarios</c>
/// (<c>nombre</c>, <c>cargo</c>), <c>montos</c> (<c>instrumento</c>, <c>monto</c>) and
/// <c>observaciones</c> (texts: Sercotec's on the preliminary, or a final's problems; empty when none).
/// Dates are ISO strings ("2025-12-01"), for the <c>fecha_larga</c> filter.
/// </summary>
public sealed record TemplateModel(
    string RegionName,
    string RegionOfficialName,
    string RegionCode,
    string RegionSeat,
    int BudgetYear,
    LocalDate Today,
    IReadOnlyList<Recipient> Recipients)
{
    /// <summary>The oficio's number, year and issuing office's display name, when the email is an oficio.</summary>
    public (int Number, int Year, string Issuer)? Oficio { get; init; }

    /// <summary>The deadline the text talks about, when there is one.</summary>
    public LocalDate? Deadline { get; init; }

    public string MilestoneKey { get; init; } = "";

    public string MilestoneDescription { get; init; } = "";

    /// <summary>Who owes the milestone: "Sercotec" or "GORE".</summary>
    public string MilestoneOwner { get; init; } = "";

    /// <summary>Amounts per instrument, in pesos, in the order given.</summary>
    public IReadOnlyList<(string Instrument, decimal Amount)> Amounts { get; init; } = [];

    /// <summary>The observations the oficio lists, in order; empty when the event brought none.</summary>
    public IReadOnlyList<string> Observations { get; init; } = [];

    /// <summary>The focalización an oficio says applies (the fallback's: the previous year's final); null otherwise.</summary>
    public AppliedSummary? Applied { get; init; }

    /// <summary>
    /// Realistic values in every field, for trying a template before it is saved: a long region
    /// name with an apostrophe, a four-digit oficio number, a deadline, one recipient per role and
    /// amounts of up to a thousand million pesos, so that what a template does with real data it
    /// already does here.
    /// </summary>
    public static TemplateModel Sample { get; } = new(
        "Libertador General Bernardo O'Higgins", "Región del Libertador General Bernardo O'Higgins", "LI", "Rancagua", 2027, new LocalDate(2026, 11, 20),
        [
            new Recipient(CycleRoles.Gobernador, "María José Fernández Valenzuela", "Gobernadora Regional de O'Higgins", "gobernadora.li@gore.ejemplo.invalid"),
            new Recipient(CycleRoles.Contraparte, "Juan Pablo Muñoz Riquelme", "Jefe de la División de Fomento e Industria", "contraparte.li@gore.ejemplo.invalid"),
            new Recipient(CycleRoles.DirectorRegional, "Carolina Andrea Núñez Contreras", "Directora Regional de Sercotec O'Higgins", "director.li@sercotec.ejemplo.invalid"),
            new Recipient(CycleRoles.LiderDescentralizacion, "Ignacio Alejandro Soto Peña", "Líder de Descentralización, Dirección Regional de Sercotec O'Higgins", "lider.li@sercotec.ejemplo.invalid"),
            new Recipient(CycleRoles.GerenciaRegiones, "Francisca Isabel Rojas Ortúzar", "Gerenta de Regiones y Descentralización de Sercotec", "gerencia.regiones@sercotec.ejemplo.invalid"),
        ])
    {
        Oficio = (1234, 2026, "Dirección Regional de Sercotec Libertador General Bernardo O'Higgins"),
        Deadline = new LocalDate(2026, 12, 1),
        MilestoneKey = "montos-preliminares",
        MilestoneDescription = "Montos preliminares por instrumento, coherentes con el proyecto de ley de presupuestos",
        MilestoneOwner = "Sercotec",
        Amounts = [("Crece", 150_000_000m), ("Juntos", 42_500_000m), ("Almacenes de Chile", 1_250_000_000m), ("Digitaliza tu Almacén", 8_750_000m)],
        Observations =
        [
            "Crece: la comuna «Chillán Vieja» no es de la región; ¿quiso decir «Chillán Viejo»?",
            "Falta el acta o acuerdo del Consejo Regional que aprueba la focalización final.",
        ],
        Applied = new AppliedSummary(2, 2026, new LocalDate(2025, 12, 29), "focalizacion-final-2026.xlsx", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    };

    /// <summary>The values as Fluid sees them: dictionaries and lists of plain values only (nothing to call into).</summary>
    internal Dictionary<string, object?> ToValues() => new()
    {
        ["region"] = new Dictionary<string, object?> { ["nombre"] = RegionName, ["nombre_oficial"] = RegionOfficialName, ["codigo"] = RegionCode, ["sede"] = RegionSeat },
        ["anio_presupuestario"] = BudgetYear,
        ["anio_ciclo"] = BudgetYear - 1,
        ["fecha"] = Iso(Today),
        ["oficio"] = Oficio is { } oficio
            ? new Dictionary<string, object?> { ["numero"] = oficio.Number, ["anio"] = oficio.Year, ["emisor"] = oficio.Issuer }
            : null,
        ["plazo"] = Deadline is { } deadline
            ? new Dictionary<string, object?> { ["fecha"] = Iso(deadline), ["dias_restantes"] = Period.Between(Today, deadline, PeriodUnits.Days).Days }
            : null,
        ["hito"] = new Dictionary<string, object?> { ["clave"] = MilestoneKey, ["descripcion"] = MilestoneDescription, ["responsable"] = MilestoneOwner },
        ["destinatarios"] = Recipients.Select(r => (object?)new Dictionary<string, object?> { ["nombre"] = r.Name, ["cargo"] = r.Position }).ToList(),
        ["montos"] = Amounts.Select(a => (object?)new Dictionary<string, object?> { ["instrumento"] = a.Instrument, ["monto"] = a.Amount }).ToList(),
        ["observaciones"] = Observations.Select(o => (object?)o).ToList(),
        ["focalizacion_aplicada"] = Applied is { } applied
            ? new Dictionary<string, object?>
            {
                ["version"] = applied.Version,
                ["anio_presupuestario"] = applied.BudgetYear,
                ["enviada"] = Iso(applied.SubmittedOn),
                ["archivo"] = applied.FileName,
                ["sha256"] = applied.Sha256,
            }
            : null,
    };

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

/// <summary>What an oficio says of the focalización that applies.</summary>
/// <param name="Version">Its version number (a final's 1, 2, …).</param>
/// <param name="BudgetYear">The budget year it was submitted for.</param>
/// <param name="SubmittedOn">The day the GORE sent it, in the region's zone.</param>
/// <param name="FileName">The archived workbook attached to the oficio; null when it came without one.</param>
/// <param name="Sha256">That workbook's SHA-256 (hex), so the attachment can be checked against the archive.</param>
public sealed record AppliedSummary(int Version, int BudgetYear, LocalDate SubmittedOn, string? FileName, string? Sha256);
