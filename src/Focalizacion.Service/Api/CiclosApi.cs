using System.Text.Json.Nodes;
using Focalizacion.Access;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/ciclos</c>: where each region's cycle stands (as <c>ciclo estado --json</c>), one
/// region's in detail, its journal, and recording its events (as <c>ciclo evento</c>).
/// </summary>
internal static class CiclosApi
{
    /// <summary>A cycle event as the API takes it: the same names and data as <c>ciclo evento</c>.</summary>
    public sealed record EventBody(string? Evento, bool? Conforme, JsonObject? Datos);

    public static void Map(RouteGroupBuilder api)
    {
        var ciclos = api.MapGroup("/ciclos").WithTags("ciclos");
        ciclos.MapGet("/{anio:int}", ListAsync).Requiring(Capability.Leer).WithSummary("Dónde está el ciclo de cada región que usted puede ver");
        ciclos.MapGet("/{anio:int}/{region}", OneAsync).Requiring(Capability.Leer).WithSummary("El ciclo de una región: hitos, oficios, recordatorios y avisos, resultado e incidentes");
        ciclos.MapGet("/{anio:int}/{region}/diario", JournalAsync).Requiring(Capability.Leer).WithSummary("El diario del ciclo de una región, del más reciente al más antiguo");
        ciclos.MapPost("/{anio:int}/{region}/eventos", RecordAsync).RequireAuthorization().Takes<EventBody>()
            .WithSummary("Registra un evento del ciclo (Sercotec: presupuesto, observaciones, montos; GORE: preliminar y final)");
    }

    private static async Task<IResult> ListAsync(int anio, HttpContext context, ApiDatabase database, HolidayCalendar calendar)
    {
        if (ApiArguments.BudgetYear(anio) is { } bad)
        {
            return bad;
        }
        var caller = Caller.Of(context);
        var visible = RegionRegistry.All.Where(r => caller.Sees(r.IsoSuffix)).ToList();
        var standings = await database.ReadBatchFirstAsync(caller, async () =>
            (await new CycleStandings(database.Runtime, calendar).ReadAsync(visible, anio, context.RequestAborted)).Select(CycleJson.Standing).ToList(),
            context.RequestAborted);
        return TypedResults.Ok(standings);
    }

    private static async Task<IResult> OneAsync(int anio, string region, HttpContext context, ApiDatabase database, HolidayCalendar calendar)
    {
        var caller = Caller.Of(context);
        var (found, problem) = ApiArguments.VisibleRegion(region, caller);
        if ((problem ?? ApiArguments.BudgetYear(anio)) is { } bad)
        {
            return bad;
        }
        var (standing, mails, recorders) = await database.ReadBatchFirstAsync(caller, async () =>
        {
            var standing = await new CycleStandings(database.Runtime, calendar).ReadAsync(found!, anio, context.RequestAborted);
            return (standing,
                await new CycleRecords(database.Store).MailsAsync(found!.IsoSuffix, anio, context.RequestAborted),
                standing.InstanceId is { } id ? await RecordersAsync(database.Store, id, found!, context.RequestAborted) : []);
        }, context.RequestAborted);
        return TypedResults.Ok(new { estado = CycleJson.Standing(standing), registradoPor = recorders, correos = mails.Select(m => Mail(m, found!)) });
    }

    /// <summary>Who recorded each milestone's event, and when, in the API's words.</summary>
    private static async Task<Dictionary<string, object>> RecordersAsync(Store store, Guid instance, Region region, CancellationToken cancellationToken) =>
        (await MilestoneRecorders.ReadAsync(store, instance, cancellationToken)).ToDictionary(p => p.Key, p => (object)new
        {
            evento = p.Value.Event,
            nombre = p.Value.Name,
            via = p.Value.Via,
            rol = p.Value.Role,
            region = p.Value.Region,
            en = CycleJson.Instant(p.Value.At.InZone(region.Zone)),
        });

    /// <summary>An email of the cycle (oficio, reminder or notice): who sent it, to whom, and how its delivery went.</summary>
    public static object Mail(MailRecord m, Region region) => new
    {
        tipo = m.Type,
        hito = m.Milestone,
        plantilla = m.Template,
        emisor = m.Issuer,
        numero = m.OficioNumber,
        anioOficio = m.OficioYear,
        asunto = m.Subject,
        destinatarios = m.Recipients.Select(r => new { rol = r.Role, nombre = r.Name, cargo = r.Position, correo = r.Address }),
        estado = m.State,
        intentos = m.Attempts,
        ultimoError = m.LastError,
        respuestaServidor = m.ServerReply,
        texto = m.Text,
        creado = CycleJson.Instant(m.CreatedAt.InZone(region.Zone)),
        enviado = m.SentAt is { } at ? CycleJson.Instant(at.InZone(region.Zone)) : null,
        messageId = m.MessageId,
        documento = m.DocumentId,
        docDigitalFolio = m.DocDigitalFolio,
        docDigitalNumero = m.DocDigitalNumber,
        focalizacionAplicada = m.AppliedVersionId,
    };

    private static async Task<IResult> JournalAsync(
        int anio, string region, string? tipo, string? actor, string? desde, string? hasta, long? antesDe, int? limite, HttpContext context, ApiDatabase database)
    {
        var caller = Caller.Of(context);
        var (found, problem) = ApiArguments.VisibleRegion(region, caller);
        if ((problem ?? ApiArguments.BudgetYear(anio)) is { } bad)
        {
            return bad;
        }
        var (query, badFilter) = JournalQuery.From(tipo, actor, desde, hasta, antesDe, limite, found, anio);
        if (badFilter is not null)
        {
            return badFilter;
        }
        return TypedResults.Ok(await database.ReadAsync(caller, () => query!.ReadAsync(database.Store, context.RequestAborted), context.RequestAborted));
    }

    private static async Task<IResult> RecordAsync(int anio, string region, HttpContext context, EngineRuntime engine, IConformityValidator conformity)
    {
        var caller = Caller.Of(context);
        if (CycleActions.Admits(caller, anio, region) is { } refused)
        {
            return refused.ToProblem();
        }
        var (body, badBody) = await ApiJson.ReadAsync<EventBody>(context.Request);
        if (badBody is not null)
        {
            return badBody;
        }
        var outcome = await CycleActions.RecordAsync(caller, Caller.Actor(context), anio, region, body!, engine, conformity, [], context.RequestAborted);
        if (!outcome.Done)
        {
            return outcome.ToProblem();
        }
        var found = RegionRegistry.Find(region)!;
        var cycleEvent = CycleEvent.Find(body!.Evento!)!;
        return TypedResults.Created($"/api/v1/ciclos/{anio}/{found.IsoSuffix}", new { region = found.IsoSuffix, anioPresupuestario = anio, evento = cycleEvent.Name, hito = cycleEvent.Milestone, instancia = outcome.InstanceId });
    }
}
