using NodaTime;

namespace Focalizacion.Calendar.Holidays;

/// <summary>
/// The national holidays that Chilean law defines by rule (valid from 2020 on), computed for any year.
/// One-off holidays of special laws are data (<see cref="SpecialHolidayFile"/>), not rules.
/// </summary>
/// <remarks>
/// 31 December is a bank holiday only; public services work, so it is not here.
/// </remarks>
public static class NationalHolidays
{
    /// <summary>The day the Día Nacional de los Pueblos Indígenas was fixed on by Ley 21.357 for its first year.</summary>
    private static readonly LocalDate PueblosIndigenas2021 = new(2021, 6, 21);

    /// <summary>The national holidays of a year by rule, sorted by date.</summary>
    public static IEnumerable<Holiday> For(int year) => ByRule(year).OrderBy(h => h.Date);

    private static IEnumerable<Holiday> ByRule(int year)
    {
        yield return Fixed(year, 1, 1, "Año Nuevo", "Ley 2.977");
        if (new LocalDate(year, 1, 1).DayOfWeek == IsoDayOfWeek.Sunday)
        {
            yield return Fixed(year, 1, 2, "Feriado adicional de Año Nuevo", "Ley 20.983");
        }

        var easter = Easter.Sunday(year);
        yield return Holiday.National(easter.PlusDays(-2), "Viernes Santo", "Ley 2.977");
        yield return Holiday.National(easter.PlusDays(-1), "Sábado Santo", "Ley 2.977");

        yield return Fixed(year, 5, 1, "Día Nacional del Trabajo", "Código del Trabajo, art. 169");
        yield return Fixed(year, 5, 21, "Día de las Glorias Navales", "Ley 2.977");
        if (year >= 2021)
        {
            yield return Holiday.National(PueblosIndigenasDay(year), "Día Nacional de los Pueblos Indígenas", "Ley 21.357");
        }
        yield return Holiday.National(MovedByLey19668(new LocalDate(year, 6, 29)), "San Pedro y San Pablo", "Ley 19.668");
        yield return Fixed(year, 7, 16, "Día de la Virgen del Carmen", "Ley 20.148");
        yield return Fixed(year, 8, 15, "Asunción de la Virgen", "Ley 2.977");

        var independence = new LocalDate(year, 9, 18);
        if (independence.DayOfWeek == IsoDayOfWeek.Tuesday)
        {
            yield return Fixed(year, 9, 17, "Feriado adicional de Fiestas Patrias", "Ley 20.215");
        }
        if (independence.DayOfWeek == IsoDayOfWeek.Saturday)
        {
            yield return Fixed(year, 9, 17, "Feriado adicional de Fiestas Patrias", "Ley 20.983");
        }
        yield return Holiday.National(independence, "Independencia Nacional", "Ley 2.977");
        yield return Fixed(year, 9, 19, "Día de las Glorias del Ejército", "Ley 2.977");
        if (independence.DayOfWeek == IsoDayOfWeek.Wednesday)
        {
            yield return Fixed(year, 9, 20, "Feriado adicional de Fiestas Patrias", "Ley 20.215");
        }

        yield return Holiday.National(MovedByLey19668(new LocalDate(year, 10, 12)), "Encuentro de Dos Mundos", "Ley 19.668");
        yield return Holiday.National(MovedByLey20299(new LocalDate(year, 10, 31)), "Día de las Iglesias Evangélicas y Protestantes", "Ley 20.299");
        yield return Fixed(year, 11, 1, "Día de Todos los Santos", "Ley 2.977");
        yield return Fixed(year, 12, 8, "Inmaculada Concepción", "Ley 2.977");
        yield return Fixed(year, 12, 25, "Navidad", "Ley 2.977");
    }

    /// <summary>
    /// Ley 19.668 (29 June, 12 October): a Tuesday, Wednesday or Thursday moves to the Monday of
    /// that week; a Friday moves to the following Monday; Monday, Saturday and Sunday stay.
    /// </summary>
    public static LocalDate MovedByLey19668(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Tuesday or IsoDayOfWeek.Wednesday or IsoDayOfWeek.Thursday => date.Previous(IsoDayOfWeek.Monday),
        IsoDayOfWeek.Friday => date.Next(IsoDayOfWeek.Monday),
        _ => date,
    };

    /// <summary>
    /// Ley 20.299 (31 October): a Tuesday moves to the previous Friday, a Wednesday to the
    /// following Friday; any other day stays.
    /// </summary>
    public static LocalDate MovedByLey20299(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Tuesday => date.Previous(IsoDayOfWeek.Friday),
        IsoDayOfWeek.Wednesday => date.Next(IsoDayOfWeek.Friday),
        _ => date,
    };

    /// <summary>
    /// The day of the southern winter solstice in Chile's official (mainland) time; Ley 21.357
    /// fixed its first year, 2021, on Monday 21 June although the solstice fell on the 20th there.
    /// </summary>
    public static LocalDate PueblosIndigenasDay(int year) =>
        year == 2021
            ? PueblosIndigenas2021
            : JuneSolstice.Of(year).InZone(ChileanTime.Mainland).Date;

    private static Holiday Fixed(int year, int month, int day, string name, string legalBasis) =>
        Holiday.National(new LocalDate(year, month, day), name, legalBasis);
}
