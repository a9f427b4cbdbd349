using NodaTime;

namespace Focalizacion.Cycle.Archivo;

/// <summary>One document of the archive, without its content (<see cref="DocumentArchive.CopyContentAsync"/> reads that).</summary>
/// <param name="Id">The row's id (<c>documentos.id</c>).</param>
/// <param name="Region">The region it belongs to (ISO code); row-level security isolates it by this.</param>
/// <param name="BudgetYear">The budget year it is about, when it is about one.</param>
/// <param name="Type">One of <see cref="DocumentTypes.All"/>.</param>
/// <param name="Name">The file name it is downloaded with ("oficio-12-2026.pdf").</param>
/// <param name="MediaType">Its media type ("application/pdf").</param>
/// <param name="Sha256">The SHA-256 of the content (32 bytes).</param>
/// <param name="Size">The content's size in bytes.</param>
/// <param name="StoredBy">Who stored it, as the journal names actors.</param>
/// <param name="StoredAt">When.</param>
public sealed record ArchivedDocument(
    long Id, string Region, int? BudgetYear, string Type, string Name, string MediaType, byte[] Sha256, long Size, string StoredBy, Instant StoredAt)
{
    /// <summary>The hash in lowercase hex, as people compare it.</summary>
    public string Sha256Hex => Convert.ToHexStringLower(Sha256);

    /// <summary>The hash as an HTTP <c>Repr-Digest</c> field value (RFC 9530): <c>sha-256=:…base64…:</c>.</summary>
    public string DigestField => $"sha-256=:{Convert.ToBase64String(Sha256)}:";
}
