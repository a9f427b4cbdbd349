using Focalizacion.Access;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;

namespace Focalizacion.Service.Api;

/// <summary><c>/api/v1/diario</c>: the whole journal, for auditors and administrators, with the cycle journal's paging and filters plus region and budget year.</summary>
internal static class DiarioApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/diario", ReadAsync).WithTags("diario").Requiring(Capability.LeerDiarioCompleto)
            .WithSummary("Todo el diario, del más reciente al más antiguo (auditoría y administración)");

    private static async Task<IResult> ReadAsync(
        string? region, int? anio, string? tipo, string? actor, string? desde, string? hasta, long? antesDe, int? limite, HttpContext context, ApiDatabase database)
    {
        var (found, badRegion) = ApiArguments.FilterRegion(region);
        if (badRegion is not null)
        {
            return badRegion;
        }
        if (ApiArguments.FilterBudgetYear(anio) is { } badYear)
        {
            return badYear;
        }
        var (query, problem) = JournalQuery.From(tipo, actor, desde, hasta, antesDe, limite, found, anio);
        if (problem is not null)
        {
            return problem;
        }
        return TypedResults.Ok(await database.ReadAsync(Caller.Of(context), () => query!.ReadAsync(database.Store, context.RequestAborted), context.RequestAborted));
    }
}
