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

    /// <summary>The calendar from <paramref name="configuredPath"/>, or from the shipped file when it is empty; a missing, unreadable or bad file throws naming it.</summary>
    public static HolidayCalendar Load(string? configuredPath)
    {
        var path = configuredPath is { Length: > 0 }
            ? configuredPath
            : Path.Combine(AppContext.BaseDirectory, "Data", SpecialHolidayFile.ShippedFileName);
        if (!File.Exists(path))
        {
            throw new CalendarDataException(path, 0, "no se encuentra el archivo de feriados especiales");
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalendarDataException(path, 0, "no se puede leer el archivo de feriados especiales");
        }
        return HolidayCalendar.Create(SpecialHolidayFile.Parse(text, path));
    }

    /// <summary>
    /// Whether <paramref name="configuredPath"/> (the value of <see cref="PathVariable"/>) names a
    /// file that can be read: a Spanish reason naming the variable, or null when it does or is
    /// empty (the shipped file). What the file says is <see cref="Load"/>'s to check, line by line.
    /// </summary>
    public static string? CheckPath(string? configuredPath)
    {
        if (configuredPath is not { Length: > 0 })
        {
            return null;
        }
        if (Directory.Exists(configuredPath))
        {
            return $"{PathVariable}: {Spanish.Quote(configuredPath)} es una carpeta; indique el archivo de feriados especiales";
        }
        if (!File.Exists(configuredPath))
        {
            return $"{PathVariable}: no existe el archivo {Spanish.Quote(configuredPath)}";
        }
        try
        {
            using var file = File.OpenRead(configuredPath);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{PathVariable}: no se puede leer el archivo {Spanish.Quote(configuredPath)}";
        }
    }
}
