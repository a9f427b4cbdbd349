using Focalizacion.Cycle.Archivo;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Access;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Cycle.Oficios;

/// <summary>
/// Each oficio's PDF, archived once: the first send renders it (<see cref="OficioPdf"/>), stores it
/// in the archive and links it from the oficio (<c>oficios.documento_id</c>, unique) in one
/// transaction that holds the oficio's row; every retry finds the link and attaches the archived
/// bytes, so a retried send never adds a second row nor attaches a different file.
/// </summary>
/// <param name="store">The owner's store (the email handler's).</param>
/// <param name="clock">When a document is stored.</param>
/// <param name="fonts">The PDF's fonts.</param>
public sealed class OficioDocuments(Store store, IClock clock, PdfFonts fonts)
{
    private readonly DocumentArchive _archive = new(store, clock);

    /// <summary>The archived PDF of the oficio of <paramref name="key"/> (rendered from <paramref name="letter"/> and stored the first time), with its bytes.</summary>
    /// <param name="key">The idempotency key the oficio's number is bound to.</param>
    /// <param name="region">The region it is addressed to (ISO code).</param>
    /// <param name="budgetYear">The budget year of its cycle.</param>
    /// <param name="letter">What the PDF shows, used only if it is not archived yet.</param>
    /// <param name="cancellationToken">Cancels the whole transaction.</param>
    public Task<(ArchivedDocument Document, byte[] Pdf)> ArchiveAsync(string key, string region, int budgetYear, OficioLetter letter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return store.WriteAsync(RegionScope.All, async () =>
        {
            long? linked;
            await using (var find = store.CreateCommand("SELECT documento_id FROM oficios WHERE idempotency_key = $1 FOR UPDATE"))
            {
                find.Parameters.Add(new NpgsqlParameter { Value = key });
                linked = await find.ExecuteScalarAsync(cancellationToken) switch
                {
                    long id => id,
                    DBNull => null,
                    _ => throw new CycleException($"No hay un oficio numerado para la clave «{key}»: su PDF no se archiva."),
                };
            }
            if (linked is { } existing)
            {
                return ((await _archive.FindAsync(existing, cancellationToken))!, (await _archive.ReadContentAsync(existing, cancellationToken))!);
            }
            var pdf = OficioPdf.Render(letter, fonts);
            using var content = new MemoryStream(pdf, writable: false);
            var document = await _archive.StoreAsync(
                new NewDocument(region, budgetYear, DocumentTypes.OficioPdf, letter.FileName, OficioPdf.MediaType), Actor.Outbox, content, cancellationToken);
            await using (var link = store.CreateCommand("UPDATE oficios SET documento_id = $2 WHERE idempotency_key = $1"))
            {
                link.Parameters.Add(new NpgsqlParameter { Value = key });
                link.Parameters.Add(new NpgsqlParameter { Value = document.Id });
                await link.ExecuteNonQueryAsync(cancellationToken);
            }
            return (document, pdf);
        }, cancellationToken);
    }
}
