using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Catalogos;
using Focalizacion.Documents.Focalizaciones;
using NodaTime;

namespace Focalizacion.Documents.Tests;

/// <summary>Focalizaciones of Ñuble that use every form a field can take.</summary>
internal static class Samples
{
    public static Focalizaciones.Focalizacion Nuble(Stage stage = Stage.Final, int linesPerInstrument = 3)
    {
        var lines = new List<FocalizacionLine>();
        foreach (var instrument in Instruments.All)
        {
            if (instrument == "Juntos")
            {
                lines.Add(FocalizacionLine.NotFocalized(instrument));
                continue;
            }
            for (var i = 1; i <= linesPerInstrument; i++)
            {
                lines.Add(Line(instrument, i));
            }
        }
        return new Focalizaciones.Focalizacion("NB", 2027, stage, lines,
            [new Territory("Valle del Itata", ["16201", "16202", "16203"]), new Territory("Diguillín urbano", ["16101", "16103"])],
            stage == Stage.Final ? new ActaCore("Acuerdo N° 1234/2026", new LocalDate(2026, 12, 15)) : null);
    }

    public static FocalizacionLine Line(string instrument, int i) => new(
        instrument,
        $"Acción {i} de {instrument}",
        "Fortalecer los negocios de la zona; con «comillas» y acentos: ñandú",
        true,
        (i % 3) switch
        {
            0 => TerritorialCriterion.WholeRegion,
            1 => TerritorialCriterion.OfCommunes(["16101", "16103"]),
            _ => TerritorialCriterion.OfTerritory("Valle del Itata"),
        },
        i % 2 == 0 ? [.. Sectors.All.Select(s => s.Code)] : ["A", "E", "G"],
        new ClientProfile("Mujeres", "Mapuche", "Jóvenes (18 a 29 años)"),
        150_000_000L + i,
        40 + i,
        i % 2 == 0 ? new GovernmentCommitment(true, "Plan Buen Vivir") : new GovernmentCommitment(false, ""),
        "Diversificar la matriz productiva",
        "Baja asociatividad");
}
