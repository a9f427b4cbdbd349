using Focalizacion.Calendar;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Comunas;
using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Documents.Conformidad;

/// <summary>Whether an observation is a failed requirement or a note that does not stop conformity.</summary>
public enum ObservationKind
{
    /// <summary>A requirement not met: the focalización does not conform.</summary>
    Incumplimiento,

    /// <summary>Something the reviewer should know that is not a failure (a total that could not be checked).</summary>
    Nota,
}

/// <summary>One observation of the conformity check, in Spanish, naming the instrument (and line) it is about.</summary>
public sealed record Observation(ObservationKind Kind, string? Instrument, string Message)
{
    public override string ToString() => Kind == ObservationKind.Nota ? "Nota: " + Message : Message;
}

/// <summary>
/// The conformity rules of a focalización (docs/focalizacion.md, «Conformidad»), pure: every
/// transferred instrument present or explicitly sin focalización; required fields filled; territories
/// inside the region; amounts non-negative; each instrument's total consistent with its reference
/// amount (a final's lines add up exactly to its monto preliminar; a preliminary's do not exceed its
/// presupuesto exploratorio); for a final, the acta CORE's number, date and PDF.
/// </summary>
public static class ConformityCheck
{
    /// <summary>
    /// The observations on <paramref name="focalizacion"/>; it conforms when none is an
    /// <see cref="ObservationKind.Incumplimiento"/> (see <see cref="Conforms"/>).
    /// </summary>
    /// <param name="focalizacion">The document.</param>
    /// <param name="referenceAmounts">Per instrument (as <c>Instruments.All</c> writes it), in pesos: the montos preliminares for a final, the presupuesto exploratorio for a preliminary; null when none was recorded.</param>
    /// <param name="actaPdfPresent">For a final: whether the acta CORE's PDF was archived with it.</param>
    public static IReadOnlyList<Observation> Check(Focalizaciones.Focalizacion focalizacion, IReadOnlyDictionary<string, long>? referenceAmounts, bool actaPdfPresent)
    {
        ArgumentNullException.ThrowIfNull(focalizacion);
        var region = RegionRegistry.ByIsoSuffix(focalizacion.Region);
        var observations = new List<Observation>();
        void Fail(string? instrument, string message) => observations.Add(new Observation(ObservationKind.Incumplimiento, instrument, message));

        foreach (var instrument in FocalizacionRules.MissingInstruments(focalizacion.Lines))
        {
            Fail(instrument, $"Falta el instrumento {Spanish.Quote(instrument)}: la focalización debe incluir sus líneas o declararlo sin focalización (una sola línea «No»).");
        }
        foreach (var instrument in FocalizacionRules.MixedNotFocalized(focalizacion.Lines))
        {
            Fail(instrument, $"{instrument}: está declarado sin focalización y además tiene otras líneas; sin focalización es una sola línea «No».");
        }
        foreach (var line in focalizacion.Lines)
        {
            var name = FocalizacionRules.Describe(focalizacion, line);
            if (FocalizacionRules.FindInstrument(line.Instrument) is null)
            {
                Fail(line.Instrument, $"{name}: {Spanish.Quote(line.Instrument)} no es un instrumento transferido.");
            }
            var missing = FocalizacionRules.MissingFields(line);
            if (missing.Count > 0)
            {
                Fail(line.Instrument, $"{name}: falta {string.Join(", ", missing.Select(f => Spanish.Quote(LineFields.Label(f))))}.");
            }
            if (line.Budget < 0)
            {
                Fail(line.Instrument, $"{name}: el presupuesto es negativo ({LineText.Whole(line.Budget.Value)}).");
            }
            if (line.Coverage < 0)
            {
                Fail(line.Instrument, $"{name}: la cobertura estimada es negativa ({LineText.Whole(line.Coverage.Value)}).");
            }
            foreach (var problem in TerritorialProblems(focalizacion, line.Territorial, region))
            {
                Fail(line.Instrument, $"{name}: {problem}.");
            }
        }
        foreach (var territory in focalizacion.Territories)
        {
            foreach (var cut in territory.Communes.Where(cut => !InRegion(cut, region)))
            {
                Fail(null, $"Territorio {Spanish.Quote(territory.Name)}: {CommuneOutside(cut, region)}.");
            }
        }
        Totals(focalizacion, referenceAmounts, observations);
        if (focalizacion.Stage == Stage.Final)
        {
            if (string.IsNullOrWhiteSpace(focalizacion.Acta?.Number))
            {
                Fail(null, "Falta el número del acta o acuerdo del Consejo Regional que aprueba la focalización final.");
            }
            if (focalizacion.Acta?.SessionDate is null)
            {
                Fail(null, "Falta la fecha de la sesión del Consejo Regional que aprobó la focalización final.");
            }
            if (!actaPdfPresent)
            {
                Fail(null, "Falta el PDF del acta o acuerdo del Consejo Regional.");
            }
        }
        return observations;
    }

    /// <summary>True when no observation is a failed requirement (notes do not count).</summary>
    public static bool Conforms(IReadOnlyList<Observation> observations) => observations.All(o => o.Kind == ObservationKind.Nota);

    /// <summary>
    /// The totals rule: per transferred instrument with lines that focalize, the sum of their
    /// presupuestos against its reference amount — equal for a final, not above for a preliminary.
    /// An instrument without a recorded reference amount, or sin focalización, is not checked: a note says so.
    /// </summary>
    private static void Totals(Focalizaciones.Focalizacion focalizacion, IReadOnlyDictionary<string, long>? reference, List<Observation> observations)
    {
        var noun = focalizacion.Stage == Stage.Final ? "monto preliminar" : "presupuesto exploratorio";
        var what = "el " + noun;
        foreach (var instrument in Instruments.All)
        {
            var lines = focalizacion.Lines.Where(l => l.Instrument == instrument).ToList();
            if (lines.Count == 0)
            {
                continue;
            }
            if (lines.All(l => !l.Focalizes))
            {
                observations.Add(new Observation(ObservationKind.Nota, instrument,
                    $"{instrument}: sin focalización; sus recursos siguen el proceso regular de Sercotec y su total no se revisa."));
                continue;
            }
            if (reference is null || !reference.TryGetValue(instrument, out var expected))
            {
                observations.Add(new Observation(ObservationKind.Nota, instrument, $"{instrument}: no hay {noun} registrado para este instrumento; su total no se revisa."));
                continue;
            }
            var total = lines.Sum(l => l.Budget ?? 0);
            if (focalizacion.Stage == Stage.Final && total != expected)
            {
                observations.Add(new Observation(ObservationKind.Incumplimiento, instrument,
                    $"{instrument}: las líneas suman {LineText.Pesos(total)} y {what} es {LineText.Pesos(expected)} (diferencia {LineText.Pesos(Math.Abs(total - expected))}); en la focalización final deben sumar exactamente {what}."));
            }
            else if (focalizacion.Stage == Stage.Preliminar && total > expected)
            {
                observations.Add(new Observation(ObservationKind.Incumplimiento, instrument,
                    $"{instrument}: las líneas suman {LineText.Pesos(total)}, más que {what} de {LineText.Pesos(expected)} (exceso {LineText.Pesos(total - expected)})."));
            }
        }
    }

    private static IEnumerable<string> TerritorialProblems(Focalizaciones.Focalizacion focalizacion, TerritorialCriterion? criterion, Region region)
    {
        if (criterion?.Kind == TerritorialKind.Communes)
        {
            foreach (var cut in criterion.Communes.Where(cut => !InRegion(cut, region)))
            {
                yield return CommuneOutside(cut, region);
            }
        }
        else if (criterion?.Kind == TerritorialKind.Territory && !focalizacion.Territories.Any(t => t.Name == criterion.TerritoryName))
        {
            yield return $"el territorio {Spanish.Quote(criterion.TerritoryName ?? "")} no está en el modelo territorial de la focalización";
        }
    }

    private static bool InRegion(string cut, Region region) => Communes.ByCode(cut)?.Region == region.IsoSuffix;

    private static string CommuneOutside(string cut, Region region) => Communes.ByCode(cut) is { } commune
        ? $"la comuna {Spanish.Quote(commune.Name)} ({cut}) es de la {RegionRegistry.ByIsoSuffix(commune.Region).OfficialName}, no de la {region.OfficialName}"
        : $"el código {Spanish.Quote(cut)} no es una comuna de Chile";
}
