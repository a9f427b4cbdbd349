using Focalizacion.Calendar.Holidays;
using Focalizacion.Runtime.Hosting;

namespace Focalizacion.Cli;

/// <summary>Reads the special-holiday file the service ships (or the one the operator points to) into a calendar.</summary>
internal static class CalendarData
{
    /// <summary>Environment variable that points to another special-holiday file.</summary>
    public const string PathVariable = SpecialHolidayData.PathVariable;

    public static HolidayCalendar Load() => SpecialHolidayData.Load(Environment.GetEnvironmentVariable(PathVariable));
}
