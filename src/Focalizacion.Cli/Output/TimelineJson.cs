using Focalizacion.Cycle.Simulation;

namespace Focalizacion.Cli.Output;

/// <summary>One timeline entry as <c>simular --json</c> prints it (field names in Spanish, as documented).</summary>
internal sealed record TimelineJson(
    string Instante, string Region, string Tipo, string Hito, IReadOnlyList<string> Destinatarios, int? Numero, int? AnioOficio, string? Emisor,
    string? Resultado, string? Evento, string Detalle)
{
    public static TimelineJson From(TimelineEntry entry) => new(
        Json.Instant(entry.At.InZone(entry.Region.Zone)), entry.Region.IsoSuffix, entry.Type, entry.Milestone, entry.Recipients,
        entry.Number, entry.NumberYear, entry.Issuer, entry.Outcome, entry.Event, entry.Detail);
}
