using Focalizacion.Access;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.Net.Http.Headers;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/documentos/{id}</c>: a document of the immutable archive, downloaded as it was
/// stored, with its SHA-256 in <c>Repr-Digest</c> (RFC 9530), if the caller sees its region.
/// </summary>
internal static class DocumentosApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/documentos").WithTags("documentos").Requiring(Capability.Leer)
            .MapGet("/{id:long}", (long id, HttpContext context, ApiDatabase database) => DownloadAsync(id, context, database))
            .WithSummary("Un documento del archivo (un oficio en PDF…), tal como se guardó, con su SHA-256 en Repr-Digest");

    /// <summary>Document <paramref name="id"/> as the response (<see cref="WriteAsync"/>), or 404 in Spanish.</summary>
    public static async Task<IResult> DownloadAsync(long id, HttpContext context, ApiDatabase database) =>
        await WriteAsync(id, context, database) ? Results.Empty : ApiProblems.NotFound($"id: no hay un documento {id} entre los que usted puede ver");

    /// <summary>
    /// Writes document <paramref name="id"/> to the response (its media type, size, name and
    /// <c>Repr-Digest</c>), streamed from the database inside the caller's reading, so only a
    /// region it sees; false, with nothing written, otherwise.
    /// </summary>
    public static async Task<bool> WriteAsync(long id, HttpContext context, ApiDatabase database)
    {
        var archive = new DocumentArchive(database.Store, database.Clock);
        return await database.ReadAsync(Caller.Of(context), async () =>
        {
            if (await archive.FindAsync(id, context.RequestAborted) is not { } document)
            {
                return false;
            }
            var response = context.Response;
            response.ContentType = document.MediaType;
            response.ContentLength = document.Size;
            response.Headers["Repr-Digest"] = document.DigestField;
            response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = document.Name, FileName = Ascii(document.Name) }.ToString();
            response.Headers[HeaderNames.ETag] = $"\"{document.Sha256Hex}\"";
            return await archive.CopyContentAsync(id, response.Body, context.RequestAborted);
        }, context.RequestAborted);
    }

    /// <summary>The file name with anything but printable ASCII replaced, for clients that ignore <c>filename*</c>.</summary>
    private static string Ascii(string name) => new([.. name.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_')]);
}
