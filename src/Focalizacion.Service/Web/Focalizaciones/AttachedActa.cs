using System.Globalization;
using Focalizacion.Access.Users;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;

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

    /// <summary>The acta field's help while the form carries this acta.</summary>
    public string Help => $"{Description} — reemplazar: elija otro archivo solo si quiere cambiarla.";

    /// <summary>
    /// The archived acta the form's hidden <see cref="Field"/> names, when it carries one
    /// (<see cref="FocalizacionActions.KeptActaAsync"/>); with the acta field's Spanish error when that
    /// document is not one of the region's actas for the year, so the form asks for the file again.
    /// </summary>
    public static async Task<(ArchivedDocument? Kept, string? Error)> FromFormAsync(
        IFormCollection form, User caller, int budgetYear, string regionCode, ApiDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!long.TryParse(form[Field], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return (null, null);
        }
        var kept = await FocalizacionActions.KeptActaAsync(caller, budgetYear, regionCode, id, database, cancellationToken);
        return (kept, kept is null ? "El acta adjunta no está entre los documentos de la región para este año; adjúntela de nuevo." : null);
    }
}
