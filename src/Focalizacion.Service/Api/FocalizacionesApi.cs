using Focalizacion.Access;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Nacional;
using Focalizacion.Documents.Persistence;
using Focalizacion.Documents.Plantilla;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Focalizacion.Service.Web.Focalizaciones;

namespace Focalizacion.Service.Api;

/// <summary>
/// The focalización as a document: a region-year's submitted versions (with what the conformity
/// rules found), its XLSX template, a GORE's upload (multipart: <c>planilla</c>, and for a final
/// <c>acta</c>), and the national export of a budget year. The review of a final is the event
/// <c>revision-final-registrada</c> of <c>…/eventos</c>, which reads the stored version.
/// </summary>
internal static class FocalizacionesApi
{
    /// <summary>The largest upload: a 20 MB workbook and a 20 MB acta, with the form's framing.</summary>
    public const long MaxUploadBytes = 45L * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var cycle = api.MapGroup("/ciclos/{anio}/{region}/focalizaciones").WithTags("focalizaciones").Requiring(Capability.Leer);
        cycle.MapGet("", ListAsync).WithSummary("Las versiones enviadas de la focalización preliminar y final, con lo que encontró la revisión automática");
        cycle.MapGet("/plantilla", TemplateAsync).WithSummary("La planilla XLSX de la región y el año para la etapa (preliminar o final), con la última versión enviada si la hay");
        api.MapGroup("/ciclos/{anio}/{region}/focalizaciones").WithTags("focalizaciones").Requiring(Capability.RegistrarEventosGore)
            .MapPost("/{etapa}", SubmitAsync).Takes(typeof(object), "multipart/form-data")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("El GORE envía su focalización (planilla XLSX; para la final, también el acta CORE en PDF): 201, o 422 con los problemas por hoja y celda");
        api.MapGroup("/focalizaciones").WithTags("focalizaciones").Requiring(Capability.ExportarFocalizacionNacional)
            .MapGet("/nacional/{anio}", NationalAsync).WithSummary("La focalización que aplica en cada región el año presupuestario, en XLSX (una hoja por instrumento y un resumen) o CSV (formato=csv)");
    }

    private static async Task<IResult> ListAsync(int anio, string region, HttpContext context, ApiDatabase database)
    {
        var caller = Caller.Of(context);
        var (found, problem) = ApiArguments.VisibleRegion(region, caller);
        if ((problem ?? ApiArguments.BudgetYear(anio)) is { } bad)
        {
            return bad;
        }
        var versions = await database.ReadAsync(caller, () => database.Focalizaciones.ListAsync(found!.IsoSuffix, anio, context.RequestAborted), context.RequestAborted);
        return TypedResults.Ok(versions.Select(Json));
    }

    private static async Task<IResult> TemplateAsync(int anio, string region, string? etapa, HttpContext context, ApiDatabase database)
    {
        var caller = Caller.Of(context);
        var (found, problem) = ApiArguments.VisibleRegion(region, caller);
        if ((problem ?? ApiArguments.BudgetYear(anio)) is { } bad)
        {
            return bad;
        }
        if (FocalizacionVersions.StageOf(etapa ?? "preliminar") is not { } stage)
        {
            return ApiProblems.BadRequest("etapa", $"«{etapa}» no es una etapa; es «preliminar» o «final»");
        }
        var latest = await database.ReadAsync(caller, () => database.Focalizaciones.LatestAsync(found!.IsoSuffix, anio, stage, context.RequestAborted), context.RequestAborted);
        return TypedResults.File(TemplateWriter.Write(found!.IsoSuffix, anio, stage, latest?.Content), TemplateWriter.ContentType,
            FocalizacionText.FileName(found.IsoSuffix, anio, stage, latest?.Number));
    }

    private static async Task<IResult> SubmitAsync(
        int anio, string region, string etapa, HttpContext context, ApiDatabase database, EngineRuntime engine, HolidayCalendar calendar, IConformityValidator conformity)
    {
        if (FocalizacionVersions.StageOf(etapa) is not { } stage)
        {
            return ApiProblems.NotFound($"etapa: «{etapa}» no es una etapa; es «preliminar» o «final»");
        }
        if (FocalizacionActions.Admits(Caller.Of(context), anio, region, stage) is { } refused)
        {
            return refused.ToProblem();
        }
        if (!context.Request.HasFormContentType)
        {
            return ApiProblems.BadRequest("planilla", "envíe un formulario multipart/form-data con el archivo «planilla» (XLSX)");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.GetFile("planilla") is not { Length: > 0 } workbook)
        {
            return ApiProblems.BadRequest("planilla", "falta el archivo XLSX de la focalización");
        }
        var acta = stage == Stage.Final ? form.Files.GetFile("acta") : null;
        await using var workbookStream = workbook.OpenReadStream();
        await using var actaStream = acta?.OpenReadStream();
        var submitted = await FocalizacionActions.SubmitAsync(Caller.Of(context), Caller.Actor(context), anio, region, stage,
            new UploadedFile(workbook.FileName, workbookStream), acta is null ? null : new UploadedFile(acta.FileName, actaStream!),
            database, engine, calendar, conformity, context.RequestAborted);
        if (submitted.Problems.Count > 0)
        {
            return ApiProblems.Unprocessable(submitted.Outcome.Message!,
                submitted.Problems.Select(p => new { hoja = p.Sheet, celda = p.Cell, mensaje = p.Message, texto = p.ToString() }));
        }
        return submitted.Outcome.Done
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/ciclos/{anio}/{region}/focalizaciones", Json(submitted.Version!))
            : submitted.Outcome.ToProblem();
    }

    private static async Task<IResult> NationalAsync(int anio, string? formato, HttpContext context, ApiDatabase database)
    {
        if (ApiArguments.BudgetYear(anio) is { } bad)
        {
            return bad;
        }
        if (formato is not (null or "xlsx" or "csv"))
        {
            return ApiProblems.BadRequest("formato", $"«{formato}» no es un formato; es «xlsx» o «csv»");
        }
        var caller = Caller.Of(context);
        var applicable = await database.ReadAsync(caller, () => database.Focalizaciones.ApplicableAsync(anio, context.RequestAborted), context.RequestAborted);
        var regions = NationalRegions.Of(applicable);
        return formato == "csv"
            ? TypedResults.File(NationalExport.ToCsv(anio, regions), NationalExport.CsvContentType, $"focalizacion-nacional-{anio}.csv")
            : TypedResults.File(NationalExport.ToXlsx(anio, regions), NationalExport.XlsxContentType, $"focalizacion-nacional-{anio}.xlsx");
    }

    private static object Json(FocalizacionVersion v) => new
    {
        id = v.Id,
        region = v.Region,
        anioPresupuestario = v.BudgetYear,
        etapa = FocalizacionVersions.StageName(v.Stage),
        version = v.Number,
        enviadaPor = v.SubmittedBy,
        enviadaAt = v.SubmittedAt,
        conforme = v.Conforms,
        observaciones = v.Observations.Select(o => new { tipo = o.Kind.ToString().ToLowerInvariant(), instrumento = o.Instrument, mensaje = o.Message }),
        planilla = v.WorkbookId,
        acta = v.ActaId,
        lineas = v.Content.Lines.Count,
    };
}
