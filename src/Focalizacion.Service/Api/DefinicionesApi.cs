using System.Text.Json;
using Focalizacion.Access;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.Net.Http.Headers;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/definiciones</c>: the BPMN workflow definitions, as <c>definicion listar|importar|
/// publicar|retirar|exportar</c>: listed, uploaded as a draft (only if the engine can run it; its
/// problems otherwise, each naming its element), published as the next version, retired, and
/// the file given back exactly as it was uploaded.
/// </summary>
internal static class DefinicionesApi
{
    /// <summary>The largest BPMN file the API takes: the importer's own limit, the same as the CLI's.</summary>
    public const int MaxBpmnBytes = BpmnImporter.MaxFileBytes;

    public static void Map(RouteGroupBuilder api)
    {
        var definiciones = api.MapGroup("/definiciones").WithTags("definiciones");
        definiciones.MapGet("", ListAsync).Requiring(Capability.LeerAdministracion).WithSummary("Las definiciones BPMN: borradores, versiones publicadas y retiradas");
        definiciones.MapPost("", ImportAsync).Requiring(Capability.AdministrarDefiniciones)
            .Takes(typeof(byte[]), "application/xml", "text/xml")
            .WithSummary($"Sube un archivo BPMN (cuerpo application/xml, hasta {ApiBody.Size(MaxBpmnBytes)}) y lo guarda como borrador si el motor puede ejecutarlo; si no, 422 con sus problemas. Con conProblemas=true lo guarda igual, con sus problemas, y no se puede publicar hasta corregirlos");
        definiciones.MapGet("/{id:long}", OneAsync).Requiring(Capability.LeerAdministracion).WithSummary("Una definición");
        definiciones.MapGet("/{id:long}/xml", XmlAsync).Requiring(Capability.LeerAdministracion).WithSummary("El archivo BPMN tal como se subió, byte por byte");
        definiciones.MapPost("/{id:long}/publicar", PublishAsync).Requiring(Capability.AdministrarDefiniciones)
            .WithSummary("Publica un borrador como la versión siguiente de su proceso, si aún se puede ejecutar; las instancias en curso siguen con la suya");
        definiciones.MapPost("/{clave}/{version:int}/retirar", RetireAsync).Requiring(Capability.AdministrarDefiniciones)
            .WithSummary("Retira una versión publicada: ningún ciclo nuevo se inicia con ella; los que la usan siguen");
        VersionesApi.Map(definiciones);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiDatabase database) =>
        TypedResults.Ok((await database.ReadAsync(Caller.Of(context), () => database.Runtime.Definitions.ListAsync(context.RequestAborted), context.RequestAborted))
            .Select(AdministrationJson.Definition));

    private static async Task<IResult> OneAsync(long id, HttpContext context, ApiDatabase database) =>
        await FindAsync(id, context, database) is { } row ? TypedResults.Ok(AdministrationJson.Definition(row)) : NotFound(id);

    private static async Task<IResult> XmlAsync(long id, HttpContext context, ApiDatabase database)
    {
        if (await FindAsync(id, context, database) is not { } row)
        {
            return NotFound(id);
        }
        // The stored bytes as they came: their encoding is the file's own (its XML declaration says which).
        return TypedResults.File(row.BpmnXml, "application/xml", $"{row.ProcessKey}{(row.Version is { } v ? $"-v{v}" : $"-borrador-{row.Id}")}.bpmn");
    }

    private static async Task<IResult> ImportAsync(string? conProblemas, HttpContext context, EngineRuntime engine)
    {
        var (bpmn, refused) = await ReadBpmnAsync(context.Request);
        if (refused is not null)
        {
            return refused;
        }
        bool keep;
        switch (conProblemas)
        {
            case null or "false":
                keep = false;
                break;
            case "true":
                keep = true;
                break;
            default:
                return ApiProblems.BadRequest("conProblemas", "debe ser true o false");
        }
        var (draft, result) = await engine.Definitions.ImportAsync(bpmn!, Caller.Actor(context), keep, context.RequestAborted);
        if (result.NotBpmnReason is { } reason)
        {
            return ApiProblems.BadRequest("cuerpo", reason);
        }
        if (draft is null)
        {
            var why = keep ? $"no tiene un bpmn:process con id (de hasta {DefinitionStore.MaxProcessKeyLength} caracteres) con que guardarla" : "nada se guardó";
            return ApiProblems.Unprocessable($"el motor no puede ejecutar esta definición: {result.Problems.Count} problema(s); {why}", AdministrationJson.Problems(result.Problems));
        }
        // The draft, and the problems it was kept with (none for a file the engine runs).
        var created = JsonSerializer.SerializeToNode(AdministrationJson.Definition(draft), ApiJson.Options)!.AsObject();
        created["problemas"] = JsonSerializer.SerializeToNode(AdministrationJson.Problems(result.Problems).ToList(), ApiJson.Options);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/definiciones/{draft.Id}", created);
    }

    private static async Task<IResult> PublishAsync(long id, HttpContext context, ApiDatabase database, EngineRuntime engine)
    {
        if (await FindAsync(id, context, database) is not { } row)
        {
            return NotFound(id);
        }
        if (row.Status != DefinitionStatus.Draft)
        {
            return ApiProblems.Conflict($"la definición {id} no es un borrador (está {AdministrationJson.StatusText(row.Status)})");
        }
        try
        {
            return TypedResults.Ok(AdministrationJson.Definition(await engine.Definitions.PublishAsync(id, Caller.Actor(context), context.RequestAborted)));
        }
        catch (DefinitionProblemsException refused)
        {
            return ApiProblems.Unprocessable(refused.Message, AdministrationJson.Problems(refused.Problems));
        }
        catch (RuntimeException refused)
        {
            return ApiProblems.Conflict(refused.Message); // published by someone else meanwhile
        }
    }

    private static async Task<IResult> RetireAsync(string clave, int version, HttpContext context, ApiDatabase database, EngineRuntime engine)
    {
        if (clave.Length > DefinitionStore.MaxProcessKeyLength || await database.ReadAsync(Caller.Of(context), () => database.Runtime.Definitions.FindAsync(clave, version, context.RequestAborted), context.RequestAborted) is not { } row)
        {
            return ApiProblems.NotFound($"no existe la versión {version} de «{clave}»");
        }
        if (row.Status == DefinitionStatus.Retired)
        {
            return ApiProblems.Conflict($"«{clave}» versión {version} ya está retirada");
        }
        return TypedResults.Ok(AdministrationJson.Definition(await engine.Definitions.RetireAsync(clave, version, Caller.Actor(context), context.RequestAborted)));
    }

    private static Task<DefinitionRow?> FindAsync(long id, HttpContext context, ApiDatabase database) =>
        database.ReadAsync(Caller.Of(context), () => database.Runtime.Definitions.FindAsync(id, context.RequestAborted), context.RequestAborted);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(long id) => ApiProblems.NotFound($"id: no existe la definición {id}");

    /// <summary>
    /// A BPMN file as the body (application/xml or text/xml, up to <see cref="MaxBpmnBytes"/>, not
    /// empty), or the 415/413/400 problem that says why not: what every endpoint taking a BPMN file reads.
    /// </summary>
    public static async Task<(byte[]? Bpmn, IResult? Problem)> ReadBpmnAsync(HttpRequest request)
    {
        if (!IsXml(request))
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "el cuerpo debe ser el archivo BPMN (Content-Type: application/xml o text/xml)"));
        }
        var (bpmn, tooLarge) = await ApiBody.ReadAsync(request, MaxBpmnBytes);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }
        return bpmn!.Length == 0 ? (null, ApiProblems.BadRequest("cuerpo", "falta el archivo BPMN")) : (bpmn, null);
    }

    /// <summary>application/xml or text/xml, with any charset (the file's own declaration is what the importer reads).</summary>
    private static bool IsXml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase));
}
