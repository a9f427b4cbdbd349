using Focalizacion.Access;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/plantillas</c>: the email templates, as <c>plantilla listar|exportar|importar|
/// restaurar</c>: listed (default or edited, and by whom), one in force, an edit saved only when
/// its three parts are valid and render within the bounds with sample data (its problems, with
/// line and column, otherwise), and the shipped one restored.
/// </summary>
internal static class PlantillasApi
{
    /// <summary>A template as <c>GET</c> gives it and <c>plantilla exportar</c> writes it; a <c>clave</c> in it must be the path's.</summary>
    public sealed record TemplateBody(string? Clave, string? Asunto, string? Html, string? Texto);

    public static void Map(RouteGroupBuilder api)
    {
        var plantillas = api.MapGroup("/plantillas").WithTags("plantillas");
        plantillas.MapGet("", ListAsync).Requiring(Capability.LeerAdministracion).WithSummary("Las plantillas de correo: predeterminada o editada, y por quién");
        plantillas.MapGet("/{clave}", OneAsync).Requiring(Capability.LeerAdministracion).WithSummary("La plantilla vigente: asunto, cuerpo HTML y cuerpo de texto (Liquid)");
        plantillas.MapPut("/{clave}", SaveAsync).Requiring(Capability.AdministrarPlantillas).Takes<TemplateBody>()
            .WithSummary("Guarda una versión editada si las tres partes son válidas y, probadas con datos de ejemplo, se generan dentro de los límites; si no, 422 con cada problema");
        plantillas.MapDelete("/{clave}", RestoreAsync).Requiring(Capability.AdministrarPlantillas).WithSummary("Vuelve a la plantilla predeterminada");
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiDatabase database, IClock clock)
    {
        var edits = await database.ReadAsync(Caller.Of(context), () => new TemplateStore(database.Store, clock).EditsAsync(context.RequestAborted), context.RequestAborted);
        return TypedResults.Ok(AdministrationJson.TemplateListing(edits));
    }

    private static async Task<IResult> OneAsync(string clave, HttpContext context, ApiDatabase database, IClock clock)
    {
        if (Unknown(clave) is { } unknown)
        {
            return unknown;
        }
        var template = await database.ReadAsync(Caller.Of(context), () => new TemplateStore(database.Store, clock).GetAsync(clave, context.RequestAborted), context.RequestAborted);
        return TypedResults.Ok(AdministrationJson.Template(template));
    }

    private static async Task<IResult> SaveAsync(string clave, HttpContext context, EngineRuntime engine)
    {
        if (Unknown(clave) is { } unknown)
        {
            return unknown;
        }
        var (body, badBody) = await ApiJson.ReadAsync<TemplateBody>(context.Request);
        if (badBody is not null)
        {
            return badBody;
        }
        if (body!.Clave is { } named && named != clave)
        {
            return ApiProblems.BadRequest("clave", $"el cuerpo es la plantilla «{named}», no «{clave}»");
        }
        foreach (var (field, value) in new[] { ("asunto", body.Asunto), ("html", body.Html), ("texto", body.Texto) })
        {
            if (value is null)
            {
                return ApiProblems.BadRequest(field, "falta; una plantilla lleva asunto, html y texto");
            }
        }
        var template = new MailTemplate(clave, body.Asunto!, body.Html!, body.Texto!);
        var problems = await new TemplateStore(engine.Store, engine.Clock).TrySaveAsync(template, Caller.Actor(context), context.RequestAborted);
        return problems.Count > 0
            ? ApiProblems.Unprocessable($"la plantilla «{clave}» no se guardó: {problems.Count} problema(s)", AdministrationJson.Problems(problems))
            : TypedResults.Ok(AdministrationJson.Template(template));
    }

    private static async Task<IResult> RestoreAsync(string clave, HttpContext context, EngineRuntime engine)
    {
        if (Unknown(clave) is { } unknown)
        {
            return unknown;
        }
        var store = new TemplateStore(engine.Store, engine.Clock);
        await store.RevertAsync(clave, context.RequestAborted);
        return TypedResults.Ok(AdministrationJson.Template(await store.GetAsync(clave, context.RequestAborted)));
    }

    private static ProblemHttpResult? Unknown(string key) =>
        TemplateKeys.All.Contains(key) ? null : ApiProblems.NotFound($"clave: no existe la plantilla «{(key.Length > 100 ? key[..100] + "…" : key)}»; las plantillas son: {string.Join(", ", TemplateKeys.All)}");
}
