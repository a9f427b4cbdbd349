using NodaTime;

namespace Focalizacion.Calendar;

/// <summary>The time zones of Chilean law, from the tz database bundled with NodaTime.</summary>
public static class ChileanTime
{
    /// <summary>Mainland official time (America/Santiago), which national dates such as the solstice follow.</summary>
    public static DateTimeZone Mainland { get; } = DateTimeZoneProviders.Tzdb["America/Santiago"];
}
