using Focalizacion.Cycle.Directorio;
using NodaTime;

namespace Focalizacion.Cycle.Handlers;

/// <summary>One email of a cycle as the <c>correos</c> table keeps it (for timelines, audits and tests).</summary>
public sealed record MailRecord(
    string IdempotencyKey,
    Guid InstanceId,
    string Region,
    int BudgetYear,
    string Type,
    string Milestone,
    string Template,
    string? Issuer,
    int? OficioNumber,
    int? OficioYear,
    IReadOnlyList<Recipient> Recipients,
    string Subject,
    string MessageId,
    string State,
    int Attempts,
    string? LastError,
    string? ServerReply,
    Instant CreatedAt,
    Instant? SentAt)
{
    /// <summary>The plain text as rendered and sent; null for emails sent before the service kept it.</summary>
    public string? Text { get; init; }

    /// <summary>An oficio's PDF in the archive (<c>documentos</c>); null for other emails and oficios sent before the service archived them.</summary>
    public long? DocumentId { get; init; }

    /// <summary>An oficio's DocDigital folio, as the Oficina de Partes entered it.</summary>
    public string? DocDigitalFolio { get; init; }

    /// <summary>An oficio's DocDigital number, as the Oficina de Partes entered it.</summary>
    public string? DocDigitalNumber { get; init; }

    /// <summary>The focalización version the oficio states applies and attaches (the fallback's); null for every other oficio.</summary>
    public long? AppliedVersionId { get; init; }
}
