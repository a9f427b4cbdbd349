using NodaTime;

namespace Focalizacion.Calendar;

/// <summary>The time zones of Chilean law, from the tz database bundled with NodaTime.</summary>
public static class ChileanTime
{
    /// <summary>Mainland official time (America/Santiago), which national dates such as the solstice follow.</summary>
    public static DateTimeZone Mainland { get; } = DateTimeZoneProviders.Tzdb["America/Santiago"];

    /// <summary>How people name a zone's time: "hora continental", "hora de Aysén", "hora de Magallanes".</summary>
    public static string Name(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.Id switch
        {
            "America/Santiago" => "hora continental",
            "America/Coyhaique" => "hora de Aysén",
            "America/Punta_Arenas" => "hora de Magallanes",
            "Pacific/Easter" => "hora de Isla de Pascua",
            _ => $"hora de {zone.Id}",
        };
    }
}
