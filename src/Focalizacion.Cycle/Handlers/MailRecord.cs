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
    /// <summary>The plain-text body as rendered and sent; null for emails recorded before it was kept.</summary>
    public string? Text { get; init; }
}
