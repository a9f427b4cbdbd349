using Focalizacion.Cycle.Simulation;

namespace Focalizacion.Cycle.Presentacion;

/// <summary>One timeline entry as <c>simular --json</c>, <c>POST /api/v1/simulaciones</c> and the designer's simulation print it (field names in Spanish, as documented); <c>Elemento</c> is the BPMN element that produced it.</summary>
public sealed record TimelineJson(
    string Instante, string Region, string Tipo, string Hito, IReadOnlyList<string> Destinatarios, int? Numero, int? AnioOficio, string? Emisor,
    string? Resultado, string? Evento, string Detalle, string? Elemento)
{
    public static TimelineJson From(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(
            CycleJson.Instant(entry.At.InZone(entry.Region.Zone)), entry.Region.IsoSuffix, entry.Type, entry.Milestone, entry.Recipients,
            entry.Number, entry.NumberYear, entry.Issuer, entry.Outcome, entry.Event, entry.Detail, entry.Element);
    }
}
