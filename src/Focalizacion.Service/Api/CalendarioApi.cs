using Focalizacion.Access;
using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Service.Identity;
using NodaTime;

namespace Focalizacion.Service.Api;

/// <summary><c>regiones</c>, <c>feriados</c> and <c>plazos</c>: the calendar, as the CLI verbs of the same names.</summary>
internal static class CalendarioApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("calendario").Requiring(Capability.Leer);
        group.MapGet("/regiones", () => TypedResults.Ok(RegionRegistry.All.Select(Region))).WithSummary("Las 16 regiones: código, CUT, nombre, zona horaria");
        group.MapGet("/feriados/{anio:int}", Holidays).WithSummary("Feriados del año: nacionales, y los de la región si se indica");
        group.MapGet("/plazos/{anio:int}/{region}", Deadlines).WithSummary("Plazos legales del ciclo de una región (Decreto 246), como el verbo plazos");
    }

    public static object Region(Region r) => new { codigo = r.IsoSuffix, iso = r.IsoCode, cut = r.Cut, nombre = r.Name, nombreOficial = r.OfficialName, sede = r.Seat, zona = r.Zone.Id };

    private static IResult Holidays(int anio, string? region, HolidayCalendar calendar)
    {
        if (anio is < HolidayCalendar.FirstYear or > HolidayCalendar.LastYear)
        {
            return ApiProblems.NotFound($"anio: el calendario cubre {HolidayCalendar.FirstYear}–{HolidayCalendar.LastYear}");
        }
        var (found, problem) = ApiArguments.FilterRegion(region);
        return problem ?? (IResult)TypedResults.Ok(calendar.For(anio, found).Select(CycleJson.Holiday));
    }

    private static IResult Deadlines(int anio, string region, string? preliminarRecibida, HolidayCalendar calendar)
    {
        if (ApiArguments.BudgetYear(anio) is { } badYear)
        {
            return badYear;
        }
        // The calendar is public law: every region's, whoever asks.
        if (Calendar.Regions.RegionRegistry.Find(region) is not { } found)
        {
            return ApiProblems.NotFound($"region: región desconocida «{region}»");
        }
        var (received, badDate) = ApiArguments.Date(preliminarRecibida, "preliminarRecibida");
        if (badDate is not null)
        {
            return badDate;
        }
        var events = new Dictionary<string, LocalDate>();
        if (received is { } date)
        {
            if (date.Year != anio - 1)
            {
                return ApiProblems.BadRequest("preliminarRecibida", $"{date} no está en {anio - 1}, el año del ciclo del año presupuestario {anio}");
            }
            events[Decreto246Cycle.PreliminaryReceivedEvent] = date;
        }
        return TypedResults.Ok(Decreto246Cycle.Deadlines(calendar.BusinessDays(found), anio, events).Select(CycleJson.Deadline));
    }
}
