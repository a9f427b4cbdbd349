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
        var standings = await database.ReadAsync(caller, async () =>
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
        var (standing, mails, recorders) = await database.ReadAsync(caller, async () =>
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

    private static async Task<IResult> RecordAsync(int anio, string region, HttpContext context, EngineRuntime engine)
    {
        var caller = Caller.Of(context);
        // A role that records no event is refused as such, whatever the region and body.
        if (!CycleEvent.All.Any(e => caller.May(e.RecordedWith)))
        {
            return ApiProblems.Forbidden($"su rol ({caller.Role.Name}) no registra eventos del ciclo; los registran: {string.Join(", ", CycleEvent.All.SelectMany(e => AccessPolicy.RolesThatMay(e.RecordedWith)).Distinct())}");
        }
        var (found, problem) = ApiArguments.VisibleRegion(region, caller);
        if ((problem ?? ApiArguments.BudgetYear(anio)) is { } bad)
        {
            return bad;
        }
        var (body, badBody) = await ApiJson.ReadAsync<EventBody>(context.Request);
        if (badBody is not null)
        {
            return badBody;
        }
        if (body!.Evento is not { Length: > 0 } name)
        {
            return ApiProblems.BadRequest("evento", $"falta el evento; los eventos del ciclo son: {CycleEvent.KnownNames}");
        }
        if (CycleEvent.Find(name) is not { } cycleEvent)
        {
            return ApiProblems.BadRequest("evento", $"evento desconocido «{name}»; los eventos del ciclo son: {CycleEvent.KnownNames}");
        }
        if (!caller.May(cycleEvent.RecordedWith))
        {
            return ApiProblems.Forbidden($"evento: su rol ({caller.Role.Name}) no registra «{cycleEvent.Name}»; lo registra: {string.Join(", ", AccessPolicy.RolesThatMay(cycleEvent.RecordedWith))}");
        }
        var data = body.Datos is null ? new JsonObject() : (JsonObject)body.Datos.DeepClone();
        if (body.Conforme is { } conforme)
        {
            if (cycleEvent.Name != CycleEvent.FinalRecibida)
            {
                return ApiProblems.BadRequest("conforme", $"solo se indica con el evento «{CycleEvent.FinalRecibida}»");
            }
            if (data.ContainsKey(DeclaredConformity.Field))
            {
                return ApiProblems.BadRequest("conforme", "se indica una sola vez: fuera de «datos» o dentro, no en ambos");
            }
            data[DeclaredConformity.Field] = conforme;
        }
        var outcome = await new CycleEventRecorder(engine.Instances, new DeclaredConformity())
            .RecordAsync(found!.IsoSuffix, anio, cycleEvent.Name, data, Caller.Actor(context), context.RequestAborted);
        if (outcome.BadInput)
        {
            return ApiProblems.BadRequest(outcome.Refusal!);
        }
        if (!outcome.Applied)
        {
            return ApiProblems.Conflict(outcome.Refusal!);
        }
        return TypedResults.Created($"/api/v1/ciclos/{anio}/{found.IsoSuffix}", new { region = found.IsoSuffix, anioPresupuestario = anio, evento = cycleEvent.Name, hito = cycleEvent.Milestone, instancia = outcome.InstanceId });
    }
}
