using Focalizacion.Access;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/directorio</c>: who holds each cycle role, per region and centrally, as
/// <c>directorio listar|asignar</c>; assigning makes one person the only holder of that role there.
/// </summary>
internal static class DirectorioApi
{
    /// <summary>A holder of a cycle role as the API takes it: the same fields as <c>directorio asignar</c>.</summary>
    public sealed record Holder(string? Correo, string? Nombre, string? Cargo);

    public static void Map(RouteGroupBuilder api)
    {
        var directorio = api.MapGroup("/directorio").WithTags("directorio");
        directorio.MapGet("", ListAsync).Requiring(Capability.LeerAdministracion)
            .WithSummary("Quién tiene cada rol del ciclo; con ?region=, los de esa región y los centrales");
        directorio.MapPut("/{lugar}/{rol}", AssignAsync).Requiring(Capability.AdministrarDirectorio).Takes<Holder>()
            .WithSummary($"Deja a esa persona como la única con ese rol en la región (código, CUT o nombre) o en «{RecipientDirectory.Central}». Roles: {string.Join(", ", CycleRoles.All)}");
    }

    private static async Task<IResult> ListAsync(string? region, HttpContext context, ApiDatabase database)
    {
        var (found, problem) = ApiArguments.FilterRegion(region);
        if (problem is not null)
        {
            return problem;
        }
        var rows = await database.ReadAsync(Caller.Of(context), () => new RecipientDirectory(database.Store).ListAsync(found?.IsoSuffix, context.RequestAborted), context.RequestAborted);
        return TypedResults.Ok(rows.Select(r => AdministrationJson.DirectoryEntry(r.Region, r.Recipient)));
    }

    private static async Task<IResult> AssignAsync(string lugar, string rol, HttpContext context, EngineRuntime engine)
    {
        var (body, badBody) = await ApiJson.ReadAsync<Holder>(context.Request);
        if (badBody is not null)
        {
            return badBody;
        }
        if (body!.Correo is not { Length: > 0 } address)
        {
            return ApiProblems.BadRequest("correo", "falta el correo de quien tendrá el rol");
        }
        if (new RecipientAssignment(lugar, rol, address, body.Nombre, body.Cargo).Check(out var problem) is not { } valid)
        {
            var (field, detail) = ApiProblems.Split(problem!);
            // The place and the role come in the path, under its parameters' names.
            return ApiProblems.BadRequest(field == "region" ? "lugar" : field, detail);
        }
        var (place, recipient) = valid;
        // The owner's store: the role that serves users only reads the directory.
        await new RecipientDirectory(engine.Store).ReplaceRoleAsync(place, recipient, context.RequestAborted);
        return TypedResults.Ok(AdministrationJson.DirectoryEntry(place, recipient));
    }
}
