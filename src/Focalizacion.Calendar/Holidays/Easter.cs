using NodaTime;

namespace Focalizacion.Calendar.Holidays;

/// <summary>Easter Sunday of the Gregorian calendar, from which Viernes Santo and Sábado Santo follow.</summary>
internal static class Easter
{
    /// <summary>The anonymous Gregorian computus (Meeus/Jones/Butcher), exact for every Gregorian year.</summary>
    public static LocalDate Sunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100;
        int d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        int l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31;
        int day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }
}
