using Focalizacion.Calendar.Regions;
using NodaTime;

namespace Focalizacion.Cycle.Simulation;

/// <summary>One line of a simulated cycle's timeline.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Region">Whose cycle.</param>
/// <param name="Type"><c>oficio</c>, <c>recordatorio</c>, <c>aviso</c>, <c>evento</c> or <c>resultado</c>.</param>
/// <param name="Milestone">The milestone it concerns (<c>oficio-inicio</c> … <c>encuesta-expost</c>).</param>
/// <param name="Recipients">Email addresses, for messages.</param>
/// <param name="Number">The oficio number, for oficios.</param>
/// <param name="Outcome">For <c>resultado</c>: <c>focalizacion-final</c>, <c>focalizacion-anterior</c> or <c>definicion-sercotec</c>.</param>
/// <param name="Detail">Spanish: the subject, the event, or why an event was refused.</param>
public sealed record TimelineEntry(Instant At, Region Region, string Type, string Milestone, IReadOnlyList<string> Recipients, int? Number, string? Outcome, string Detail)
{
    /// <summary>The oficio's year of issue, with <see cref="Number"/>.</summary>
    public int? NumberYear { get; init; }

    /// <summary>The numbering series that issued the oficio ("gerencia-general", "direccion-regional-NB").</summary>
    public string? Issuer { get; init; }

    /// <summary>For <c>evento</c>: the event name.</summary>
    public string? Event { get; init; }

    /// <summary>
    /// The id of the BPMN element that produced it: the service task that sent the message or
    /// recorded the outcome, the receive task or message event that took the event; null for an
    /// event the cycle refused (no element took it).
    /// </summary>
    public string? Element { get; init; }
}
