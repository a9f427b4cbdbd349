using Focalizacion.Calendar;
using Focalizacion.Calendar.Regions;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Service.Web;

/// <summary>How the pages write dates, times and amounts: Spanish (Chile), times in the region's zone, named.</summary>
internal static class WebText
{
    private static readonly LocalDatePattern ShortDatePattern = LocalDatePattern.CreateWithInvariantCulture("dd'-'MM'-'uuuu");

    /// <summary>"lunes 1 de diciembre de 2026".</summary>
    public static string Date(LocalDate date) => Spanish.LongDate(date);

    /// <summary>"01-12-2026", for tables and exports.</summary>
    public static string ShortDate(LocalDate date) => ShortDatePattern.Format(date);

    /// <summary>"00:00 (hora de Magallanes)".</summary>
    public static string Time(ZonedDateTime moment) => Spanish.Time(moment);

    /// <summary>"lunes 1 de diciembre de 2026, 00:00 (hora de Magallanes)".</summary>
    public static string Moment(ZonedDateTime moment) => Spanish.Moment(moment);

    /// <summary>An instant as the region's people read it.</summary>
    public static string Moment(Instant instant, Region region) => Moment(instant.InZone(region.Zone));

    /// <summary>"01-12-2026 00:00 (hora de Magallanes)", for tables and exports.</summary>
    public static string ShortMoment(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        return $"{ShortDate(local.Date)} {Time(local)}";
    }

    /// <summary>
    /// Who did something, as a journal line or a record names it: "Gabriela Ñuble (gobierno regional,
    /// Ñuble), vía la aplicación web"; the service's own parts by what they are ("el temporizador").
    /// </summary>
    public static string Who(string name, string? via, string? role, string? region)
    {
        var part = via switch
        {
            "temporizador" => "el temporizador del servicio",
            "bandeja-de-salida" => "la bandeja de salida del servicio",
            "servicio" => "el servicio",
            "simulacion" => "una simulación",
            _ => null,
        };
        if (part is not null)
        {
            return part;
        }
        var roleText = Focalizacion.Access.Role.Find(role)?.Description ?? role;
        var regionText = region is null ? null : RegionRegistry.Find(region)?.Name ?? region;
        var who = roleText is null ? name : $"{name} ({roleText}{(regionText is null ? "" : ", " + regionText)})";
        return via switch
        {
            "web" => who + ", vía la aplicación web",
            "api" => who + ", vía la API",
            "cli" => who + ", vía la línea de comandos",
            null => who,
            var other => $"{who}, vía {other}",
        };
    }

    /// <summary>"100.000": a count as Chile writes it.</summary>
    public static string Count(int n) => n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>"1 día", "3 días".</summary>
    public static string Days(int n) => n == 1 ? "1 día" : $"{n} días";

    /// <summary>"1 intento", "3 intentos".</summary>
    public static string Attempts(int n) => n == 1 ? "1 intento" : $"{n} intentos";

    /// <summary>"1 día corrido", "3 días corridos".</summary>
    public static string CalendarDays(int n) => n == 1 ? "1 día corrido" : $"{n} días corridos";

    /// <summary>"1 día hábil", "3 días hábiles".</summary>
    public static string BusinessDays(int n) => n == 1 ? "1 día hábil" : $"{n} días hábiles";
}
