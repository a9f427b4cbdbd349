using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Comunas;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Plantilla;
using NodaTime;

namespace Focalizacion.Testing;

/// <summary>Focalizaciones a GORE could submit: one line per instrument in the region's own communes, and the workbook it would upload.</summary>
public static class FocalizacionSamples
{
    /// <summary>The pesos each focalized instrument gets in <see cref="Of"/>: its montos preliminares, when recorded as <see cref="Amounts"/>.</summary>
    public const long AmountPerInstrument = 100_000_000;

    /// <summary>The instrument <see cref="Of"/> declares sin focalización.</summary>
    public static string NotFocalized => Instruments.All[^1];

    /// <summary>Montos preliminares that a final of <see cref="Of"/> adds up to, as the event's <c>montos</c> JSON.</summary>
    public static string Amounts => "{" + string.Join(", ", Instruments.All.Where(i => i != NotFocalized).Select(i => $"\"{i}\": {AmountPerInstrument}")) + "}";

    /// <summary>
    /// A focalización of <paramref name="region"/>: every instrument but the last with one line of
    /// <see cref="AmountPerInstrument"/> pesos (plus <paramref name="extra"/> on the first), the last sin
    /// focalización; a final with its acta CORE's number and date.
    /// </summary>
    public static Focalizacion.Documents.Focalizaciones.Focalizacion Of(string region, int budgetYear, Stage stage, long extra = 0)
    {
        var communes = Communes.OfRegion(region).Take(2).Select(c => c.Cut).ToList();
        var lines = Instruments.All.Select((instrument, i) => instrument == NotFocalized
            ? FocalizacionLine.NotFocalized(instrument)
            : new FocalizacionLine(instrument, $"Programa {i + 1} de {instrument}", "Fortalecer los negocios de la región", true,
                TerritorialCriterion.OfCommunes(communes), ["A", "G"], new ClientProfile("Mujeres", "Sin distinción", "Sin distinción"),
                AmountPerInstrument + (i == 0 ? extra : 0), 40, new GovernmentCommitment(false, ""), "Diversificar la matriz productiva", "Baja asociatividad"))
            .ToList();
        return new Focalizacion.Documents.Focalizaciones.Focalizacion(region, budgetYear, stage, lines, [],
            stage == Stage.Final ? new ActaCore("Acuerdo N° 77/2026", new LocalDate(budgetYear - 1, 12, 15)) : null);
    }

    /// <summary>The workbook a GORE uploads for <paramref name="focalizacion"/>: the service's template, filled in.</summary>
    public static byte[] Workbook(Focalizacion.Documents.Focalizaciones.Focalizacion focalizacion) =>
        TemplateWriter.Write(focalizacion.Region, focalizacion.BudgetYear, focalizacion.Stage, focalizacion);

    /// <summary>A small but real PDF (an acta CORE to attach).</summary>
    public static byte[] Pdf => "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
}
