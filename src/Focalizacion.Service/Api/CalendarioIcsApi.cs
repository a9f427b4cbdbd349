using System.Text;
using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Cycle.Starting;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using NodaTime;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>GET /api/v1/ciclos/{anio}/{region}/calendario.ics</c>: a region's cycle as an iCalendar file
/// a calendar program subscribes to: each milestone's deadline, from the workflow version its
/// instance is pinned to, and each reminder the instance has scheduled (<see cref="CycleICalendar"/>).
/// </summary>
internal static class CalendarioIcsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/ciclos/{anio:int}/{region}/calendario.ics", ReadAsync).WithTags("ciclos").Requiring(Capability.Leer)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("Los plazos y recordatorios del ciclo de una región como calendario iCalendar (RFC 5545), en la zona horaria de la región");
        api.MapGet(CalendarFeed.PathPrefix[ApiEndpoints.Prefix.Length..] + "/{firma}.ics", FeedAsync).WithTags("ciclos").AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("El calendario del año presupuestario en curso de una región, por la dirección firmada que da «Mi cuenta» (para suscribirse desde Outlook o Google Calendar)");
    }

    private static async Task<IResult> ReadAsync(int anio, string region, HttpContext context, ApiDatabase database, HolidayCalendar calendar, IClock clock)
    {
        var caller = Caller.Of(context);
        var (found, problem) = ApiArguments.VisibleRegion(region, caller);
        if ((problem ?? ApiArguments.BudgetYear(anio)) is { } bad)
        {
            return bad;
        }
        return await WriteAsync(caller, found!, anio, context, database, calendar, clock);
    }

    private static async Task<IResult> FeedAsync(string firma, HttpContext context, CalendarFeed feed, ApiDatabase database, HolidayCalendar calendar, IClock clock)
    {
        if (firma.Length > 4000 || await feed.OpenAsync(firma, context.RequestAborted) is not var (user, region))
        {
            return ApiProblems.NotFound("firma: esta dirección de calendario no vale (venció, se alteró o su usuario ya no tiene acceso); pida una nueva en «Mi cuenta»");
        }
        return await WriteAsync(user, region, CycleStarter.BudgetYearInProgress(clock.GetCurrentInstant()), context, database, calendar, clock);
    }

    private static async Task<IResult> WriteAsync(User caller, Region region, int year, HttpContext context, ApiDatabase database, HolidayCalendar calendar, IClock clock)
    {
        var (standing, reminders) = await database.ReadAsync(caller,
            () => new CycleAgenda(database.Runtime, calendar).ReadAsync(region, year, context.RequestAborted), context.RequestAborted);
        return TypedResults.Text(CycleICalendar.Write(standing, reminders, year, clock.GetCurrentInstant()), CycleICalendar.MediaType, Encoding.UTF8);
    }
}
