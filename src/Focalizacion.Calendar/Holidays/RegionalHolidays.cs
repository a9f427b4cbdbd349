using NodaTime;

namespace Focalizacion.Calendar.Holidays;

/// <summary>Regional holidays that a permanent law defines by rule.</summary>
/// <remarks>
/// The 20 August holiday of Ley 20.768 covers only the communes of Chillán and Chillán Viejo; it
/// counts for the Ñuble region because its GORE sits in Chillán, and the region's deadlines are
/// the GORE's. One-off regional holidays are data (<see cref="SpecialHolidayFile"/>).
/// </remarks>
public static class RegionalHolidays
{
    public static IEnumerable<Holiday> For(int year)
    {
        yield return Holiday.Regional(new LocalDate(year, 6, 7), "Asalto y Toma del Morro de Arica", "Ley 20.663", "AP");
        yield return Holiday.Regional(
            new LocalDate(year, 8, 20),
            "Nacimiento del Prócer de la Independencia (Chillán y Chillán Viejo)",
            "Ley 20.768",
            "NB");
    }
}
