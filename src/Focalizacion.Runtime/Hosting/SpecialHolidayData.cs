using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;

namespace Focalizacion.Runtime.Hosting;

/// <summary>
/// Reads the special-holiday file the service ships next to its binaries (or the one the operator
/// points to) into a calendar: every host loads the same data the same way.
/// </summary>
public static class SpecialHolidayData
{
    /// <summary>Environment variable that points to another special-holiday file.</summary>
    public const string PathVariable = "FOCALIZACION_FERIADOS_ESPECIALES";

    /// <summary>The calendar from <paramref name="configuredPath"/>, or from the shipped file when it is empty; a missing or bad file throws naming it.</summary>
    public static HolidayCalendar Load(string? configuredPath)
    {
        var path = configuredPath is { Length: > 0 }
            ? configuredPath
            : Path.Combine(AppContext.BaseDirectory, "Data", SpecialHolidayFile.ShippedFileName);
        if (!File.Exists(path))
        {
            throw new CalendarDataException(path, 0, "no se encuentra el archivo de feriados especiales");
        }
        return HolidayCalendar.Create(SpecialHolidayFile.Parse(File.ReadAllText(path), path));
    }
}
