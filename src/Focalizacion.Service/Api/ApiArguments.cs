using Focalizacion.Access.Users;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Service.Api;

/// <summary>The checks every operation makes of the region and year it names, with the same Spanish answers.</summary>
internal static class ApiArguments
{
    /// <summary>Budget years whose cycle year (Y−1) the calendar covers (as the CLI's <c>plazos</c>).</summary>
    public const int FirstBudgetYear = HolidayCalendar.FirstYear + 1;

    public const int LastBudgetYear = HolidayCalendar.LastYear;

    /// <summary>
    /// The region named in the path, if it exists and the caller sees it; otherwise a 404 that says
    /// the same in both cases, so another region's existence is not revealed by its answer.
    /// </summary>
    public static (Region? Region, ProblemHttpResult? Problem) VisibleRegion(string code, User caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return RegionRegistry.Find(code) is { } region && caller.Sees(region.IsoSuffix)
            ? (region, null)
            : (null, ApiProblems.NotFound($"region: no hay una región «{code}» entre las que usted puede ver"));
    }

    /// <summary>A region given as a filter (query string): unknown is a 400 naming the parameter.</summary>
    public static (Region? Region, ProblemHttpResult? Problem) FilterRegion(string? code, string parameter = "region")
    {
        if (code is not { Length: > 0 })
        {
            return (null, null);
        }
        return RegionRegistry.Find(code) is { } region ? (region, null) : (null, ApiProblems.BadRequest(parameter, $"región desconocida «{code}»"));
    }

    /// <summary>A budget year in the path: one outside the calendar does not exist (404).</summary>
    public static ProblemHttpResult? BudgetYear(int year, string parameter = "anio") =>
        InCalendar(year) ? null : ApiProblems.NotFound($"{parameter}: {OutsideCalendar(year)}");

    /// <summary>A budget year given as a filter (query string): one outside the calendar is a 400 naming the parameter.</summary>
    public static ProblemHttpResult? FilterBudgetYear(int? year, string parameter = "anio") =>
        year is not { } given || InCalendar(given) ? null : ApiProblems.BadRequest(parameter, OutsideCalendar(given));

    private static bool InCalendar(int year) => year is >= FirstBudgetYear and <= LastBudgetYear;

    private static string OutsideCalendar(int year) => $"el año presupuestario {year} está fuera del calendario ({FirstBudgetYear}–{LastBudgetYear})";

    /// <summary>The years a date argument may fall in: any the service has use for, far from the calendar's own ends (NodaTime's 9999-12-31 has no next day).</summary>
    public const int FirstDateYear = 1900;

    public const int LastDateYear = 2200;

    /// <summary>An ISO date filter (<c>2026-11-15</c>) in <see cref="FirstDateYear"/>–<see cref="LastDateYear"/>, or the 400 naming <paramref name="parameter"/>.</summary>
    public static (LocalDate? Date, ProblemHttpResult? Problem) Date(string? text, string parameter)
    {
        if (text is not { Length: > 0 })
        {
            return (null, null);
        }
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            return (null, ApiProblems.BadRequest(parameter, $"«{text}» no es una fecha aaaa-mm-dd"));
        }
        return parsed.Value.Year is < FirstDateYear or > LastDateYear
            ? (null, ApiProblems.BadRequest(parameter, $"{text} está fuera de las fechas que el servicio admite ({FirstDateYear}–{LastDateYear})"))
            : (parsed.Value, null);
    }
}
