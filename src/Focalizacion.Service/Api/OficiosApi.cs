using Focalizacion.Access;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/oficios</c>: the oficios the caller may see (a GORE: its region's, which are addressed
/// to it), filtered by budget year, region and milestone; one with its delivery record and
/// DocDigital fields; its PDF as it was attached and archived; its DocDigital folio and number
/// entered by the Oficina de Partes.
/// </summary>
internal static class OficiosApi
{
    /// <summary>What <c>PUT …/docdigital</c> takes: the folio and number (blank or absent clears one).</summary>
    public sealed record DocDigitalBody(string? Folio, string? Numero);

    public static void Map(RouteGroupBuilder api)
    {
        var oficios = api.MapGroup("/oficios").WithTags("oficios").Requiring(Capability.Leer);
        oficios.MapGet("", ListAsync).WithSummary("Los oficios que usted puede ver, filtrados por año presupuestario, región e hito");
        oficios.MapGet("/{id}", OneAsync).WithSummary("Un oficio (su clave), con los destinatarios, el registro de su envío y su folio y número DocDigital");
        oficios.MapGet("/{id}/pdf", PdfAsync).WithSummary("El PDF del oficio, tal como se adjuntó a su correo y se archivó (con su SHA-256 en Repr-Digest)");
        api.MapGroup("/oficios").WithTags("oficios").Requiring(Capability.RegistrarDocDigital)
            .MapPut("/{id}/docdigital", DocDigitalAsync).Takes<DocDigitalBody>()
            .WithSummary("Registra el folio y el número DocDigital del oficio (Oficina de Partes); vacío los borra");
    }

    private static async Task<IResult> ListAsync(int? anio, string? region, string? hito, HttpContext context, ApiDatabase database)
    {
        if (ApiArguments.FilterBudgetYear(anio) is { } badYear)
        {
            return badYear;
        }
        var (found, problem) = ApiArguments.FilterRegion(region);
        if (problem is not null)
        {
            return problem;
        }
        if (hito is { Length: > 100 })
        {
            return ApiProblems.BadRequest("hito", "es demasiado largo");
        }
        var caller = Caller.Of(context);
        // Only the oficios are read (not every reminder and notice, to be dropped here).
        var oficios = await CycleActions.OficiosAsync(caller, database, found?.IsoSuffix, anio, context.RequestAborted);
        return TypedResults.Ok(oficios.Where(m => hito is null || m.Milestone == hito).Select(m => Json(m)));
    }

    private static async Task<IResult> OneAsync(string id, HttpContext context, ApiDatabase database)
    {
        var caller = Caller.Of(context);
        return await CycleActions.OficioAsync(caller, database, Key(id), context.RequestAborted) is { } oficio
            ? TypedResults.Ok(Json(oficio))
            : ApiProblems.NotFound("id: no hay un oficio con esa clave entre los que usted puede ver");
    }

    private static async Task<IResult> PdfAsync(string id, HttpContext context, ApiDatabase database)
    {
        var caller = Caller.Of(context);
        return await CycleActions.OficioAsync(caller, database, Key(id), context.RequestAborted) is { DocumentId: { } document }
            ? await DocumentosApi.DownloadAsync(document, context, database)
            : ApiProblems.NotFound("id: no hay un oficio con PDF archivado con esa clave entre los que usted puede ver");
    }

    private static async Task<IResult> DocDigitalAsync(string id, HttpContext context, ApiDatabase database)
    {
        id = Key(id);
        var (body, badBody) = await ApiJson.ReadAsync<DocDigitalBody>(context.Request);
        if (badBody is not null)
        {
            return badBody;
        }
        var outcome = await CycleActions.RecordDocDigitalAsync(Caller.Of(context), Caller.Actor(context), database, id, body!.Folio, body.Numero, context.RequestAborted);
        return outcome.Done
            ? TypedResults.Ok(Json((await CycleActions.OficioAsync(Caller.Of(context), database, id, context.RequestAborted))!))
            : outcome.ToProblem();
    }

    /// <summary>An oficio's key has slashes («…/OficioInicio/3»), sent as %2F in one path segment; the server leaves those encoded.</summary>
    private static string Key(string id) => id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static object Json(MailRecord m) => new { id = m.IdempotencyKey, region = m.Region, anioPresupuestario = m.BudgetYear, correo = CiclosApi.Mail(m, RegionRegistry.ByIsoSuffix(m.Region)) };
}
