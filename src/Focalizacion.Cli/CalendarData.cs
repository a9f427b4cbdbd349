using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;

namespace Focalizacion.Cli;

/// <summary>Reads the special-holiday file the service ships (or the one the operator points to) into a calendar.</summary>
internal static class CalendarData
{
    /// <summary>Environment variable that points to another special-holiday file.</summary>
    public const string PathVariable = "FOCALIZACION_FERIADOS_ESPECIALES";

    public static HolidayCalendar Load()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "Data", SpecialHolidayFile.ShippedFileName);
        if (!File.Exists(path))
        {
            throw new CalendarDataException(path, 0, "no se encuentra el archivo de feriados especiales");
        }
        return HolidayCalendar.Create(SpecialHolidayFile.Parse(File.ReadAllText(path), path));
    }
}
