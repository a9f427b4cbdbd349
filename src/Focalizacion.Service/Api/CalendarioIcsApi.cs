using System.Text;
using Focalizacion.Access;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Presentacion;
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
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/ciclos/{anio:int}/{region}/calendario.ics", ReadAsync).WithTags("ciclos").Requiring(Capability.Leer)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("Los plazos y recordatorios del ciclo de una región como calendario iCalendar (RFC 5545), en la zona horaria de la región");

    private static async Task<IResult> ReadAsync(int anio, string region, HttpContext context, ApiDatabase database, HolidayCalendar calendar, IClock clock)
    {
        var caller = Caller.Of(context);
        var (found, problem) = ApiArguments.VisibleRegion(region, caller);
        if ((problem ?? ApiArguments.BudgetYear(anio)) is { } bad)
        {
            return bad;
        }
        var (standing, reminders) = await database.ReadAsync(caller,
            () => new CycleAgenda(database.Runtime, calendar).ReadAsync(found!, anio, context.RequestAborted), context.RequestAborted);
        return TypedResults.Text(CycleICalendar.Write(standing, reminders, anio, clock.GetCurrentInstant()), CycleICalendar.MediaType, Encoding.UTF8);
    }
}
