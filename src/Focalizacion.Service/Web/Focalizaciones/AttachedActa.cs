using Focalizacion.Cycle.Archivo;
using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Service.Web.Focalizaciones;

/// <summary>
/// The acta CORE a final's form already has, so the GORE does not choose the file again: the one saved
/// with the draft, or one the archive holds for the region and year (<paramref name="ArchivedId"/>: kept
/// from a refused submission, or the last version's), which the form carries back in a hidden field.
/// </summary>
/// <param name="Name">Its file name.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="ArchivedId">Its document in the archive; null for the draft's own copy.</param>
internal sealed record AttachedActa(string Name, long Size, long? ArchivedId)
{
    /// <summary>The form's hidden field with <see cref="ArchivedId"/>.</summary>
    public const string Field = "acta-adjunta";

    public static AttachedActa Of(ArchivedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new AttachedActa(document.Name, document.Size, document.Id);
    }

    /// <summary>"Acta adjunta: «acta-core.pdf» (12 KB)".</summary>
    public string Description => $"Acta adjunta: «{Name}» ({LineText.Whole(Math.Max(1, (Size + 1023) / 1024))} KB)";
}
