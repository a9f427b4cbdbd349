using NodaTime;

namespace Focalizacion.Cycle.Estado;

/// <summary>An oficio as a cycle's standing shows it: which milestone, its number, and whether and when it left.</summary>
/// <param name="Region">The region's ISO suffix.</param>
/// <param name="Milestone">The milestone it belongs to.</param>
/// <param name="OficioNumber">Its number, once issued.</param>
/// <param name="OficioYear">The year of its number.</param>
/// <param name="State">Its delivery state (<c>correos.estado</c>).</param>
/// <param name="SentAt">When it was sent; null while pending.</param>
/// <param name="Subject">Its subject.</param>
public sealed record OficioStanding(string Region, string Milestone, int? OficioNumber, int? OficioYear, string State, Instant? SentAt, string Subject);
