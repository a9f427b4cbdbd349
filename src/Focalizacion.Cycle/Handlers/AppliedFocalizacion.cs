using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Plantillas;
using NodaTime;

namespace Focalizacion.Cycle.Handlers;

/// <summary>The focalización version a cycle's outcome applies, as the oficio that announces it states and attaches it.</summary>
/// <param name="VersionId">The version's row (<c>focalizacion_versiones.id</c>), which the oficio records.</param>
/// <param name="Version">Its version number.</param>
/// <param name="BudgetYear">The budget year it was submitted for.</param>
/// <param name="SubmittedAt">When the GORE sent it.</param>
/// <param name="Workbook">Its archived workbook, to attach; null when it came without one.</param>
/// <param name="Sha256">The workbook's SHA-256 (hex); null without one.</param>
public sealed record AppliedFocalizacion(long VersionId, int Version, int BudgetYear, Instant SubmittedAt, MailAttachment? Workbook, string? Sha256)
{
    /// <summary>What the oficio's text says of it, dated in <paramref name="zone"/>.</summary>
    public AppliedSummary Summary(DateTimeZone zone) => new(Version, BudgetYear, SubmittedAt.InZone(zone).Date, Workbook?.FileName, Sha256);
}
