using System.Globalization;
using System.Text;
using Focalizacion.Calendar;
using Focalizacion.Cycle.Estado;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cycle.Presentacion;

/// <summary>
/// A region's cycle as an iCalendar file (RFC 5545) people subscribe to: one event per milestone
/// deadline and one per reminder the instance has scheduled, in the region's own time zone
/// (a <c>VTIMEZONE</c> written from the tz database, covering the cycle year and the budget year).
/// </summary>
/// <remarks>
/// A deadline "on day D" is an all-day event on D, the legal date people read in the oficios: the
/// whole day is still on time, and it is overdue from the start of D+1 (the description says that
/// instant). A deadline with a time of day ("a las 12:00") is an event at that instant instead,
/// the moment it becomes overdue. A reminder is an event at the moment its email goes out.
/// Each event's UID is stable for its cycle and milestone (and, for a reminder, its moment), so a
/// calendar that subscribes updates the same event when a deadline moves.
/// </remarks>
public static class CycleICalendar
{
    /// <summary>What the file is served as (in UTF-8, the only charset RFC 5545 allows).</summary>
    public const string MediaType = "text/calendar";

    private const string UidDomain = "focalizacion-regional.sercotec";

    private const int MaxLineOctets = 75;

    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");

    /// <param name="standing">The region's cycle: its milestones with their deadlines.</param>
    /// <param name="reminders">The reminders its instance has scheduled.</param>
    /// <param name="budgetYear">The budget year Y (the cycle runs in Y−1).</param>
    /// <param name="now">The file's DTSTAMP.</param>
    public static string Write(RegionStanding standing, IReadOnlyList<ScheduledReminder> reminders, int budgetYear, Instant now)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(reminders);
        var region = standing.Region;
        var zone = region.Zone;
        var text = new StringBuilder();
        void Line(string name, string value) => Fold(text, $"{name}:{value}");
        var stamp = Local.Format(now.InUtc().LocalDateTime) + "Z";

        Line("BEGIN", "VCALENDAR");
        Line("VERSION", "2.0");
        Line("PRODID", "-//Sercotec//Focalizacion Regional//ES");
        Line("CALSCALE", "GREGORIAN");
        Line("METHOD", "PUBLISH");
        Line("X-WR-CALNAME", Escape($"Focalización {budgetYear} · {region.Name}"));
        Line("X-WR-TIMEZONE", zone.Id);
        TimeZone(text, zone, new LocalDate(budgetYear - 1, 1, 1).AtStartOfDayInZone(zone).ToInstant(), new LocalDate(budgetYear + 1, 1, 1).AtStartOfDayInZone(zone).ToInstant());
        foreach (var milestone in standing.Milestones)
        {
            if (milestone.Deadline is not { } deadline)
            {
                continue; // counts from an event not recorded yet: no date to show
            }
            var m = milestone.Milestone;
            Line("BEGIN", "VEVENT");
            Line("UID", $"plazo-{budgetYear}-{region.IsoSuffix}-{m.Key}@{UidDomain}");
            Line("DTSTAMP", stamp);
            if (deadline.Time is null)
            {
                Line("DTSTART;VALUE=DATE", Date.Format(deadline.Date));
                Line("DTEND;VALUE=DATE", Date.Format(deadline.Date.PlusDays(1)));
            }
            else
            {
                Line($"DTSTART;TZID={zone.Id}", Local.Format(deadline.OverdueAt.LocalDateTime));
            }
            Line("SUMMARY", Escape($"Vence: {m.Description} ({m.Owner}) · {region.Name}"));
            var state = milestone.DoneHow is { } how
                ? $"Cumplido{(milestone.DoneOn is { } on ? $" el {Spanish.LongDate(on)}" : "")} ({how})."
                : milestone.OverdueWithoutRecord ? "Vencido sin registro." : "Pendiente.";
            Line("DESCRIPTION", Escape(
                $"Plazo legal: {m.Rule}. Último día: {Spanish.LongDate(deadline.Date)}; vencido desde {CycleJson.Instant(deadline.OverdueAt)}. Responsable: {m.Owner}. {state}"));
            Line("CATEGORIES", "plazo");
            Line("TRANSP", "TRANSPARENT");
            Line("END", "VEVENT");
        }
        foreach (var reminder in reminders)
        {
            var at = reminder.At.InZone(zone);
            Line("BEGIN", "VEVENT");
            Line("UID", $"recordatorio-{budgetYear}-{region.IsoSuffix}-{reminder.Milestone}-{Local.Format(reminder.At.InUtc().LocalDateTime)}Z@{UidDomain}");
            Line("DTSTAMP", stamp);
            Line($"DTSTART;TZID={zone.Id}", Local.Format(at.LocalDateTime));
            Line("SUMMARY", Escape($"Recordatorio: {reminder.Description} · {region.Name}"));
            Line("DESCRIPTION", Escape($"El servicio envía por correo el recordatorio «{reminder.Rule}» ({CycleJson.Instant(at)})."));
            Line("CATEGORIES", "recordatorio");
            Line("TRANSP", "TRANSPARENT");
            Line("END", "VEVENT");
        }
        Line("END", "VCALENDAR");
        return text.ToString();
    }

    /// <summary>
    /// The zone's definition for the events' span: one STANDARD or DAYLIGHT part per offset change
    /// in it (and the offset in force at its start), each from the tz database, with no recurrence
    /// rule to get wrong when Chile moves its clock-change dates again.
    /// </summary>
    private static void TimeZone(StringBuilder text, DateTimeZone zone, Instant from, Instant to)
    {
        Fold(text, "BEGIN:VTIMEZONE");
        Fold(text, $"TZID:{zone.Id}");
        foreach (var interval in zone.GetZoneIntervals(from, to))
        {
            // The offset in force at the span's start is declared from there; each change in it from its onset, in the offset before it.
            var changes = interval.HasStart && interval.Start > from;
            var onset = changes ? interval.Start : from;
            var offsetFrom = changes ? zone.GetUtcOffset(interval.Start - Duration.Epsilon) : interval.WallOffset;
            var part = interval.Savings == Offset.Zero ? "STANDARD" : "DAYLIGHT";
            Fold(text, $"BEGIN:{part}");
            Fold(text, $"DTSTART:{Local.Format(onset.WithOffset(offsetFrom).LocalDateTime)}");
            Fold(text, $"TZOFFSETFROM:{Utc(offsetFrom)}");
            Fold(text, $"TZOFFSETTO:{Utc(interval.WallOffset)}");
            Fold(text, $"TZNAME:{Escape(interval.Name)}");
            Fold(text, $"END:{part}");
        }
        Fold(text, "END:VTIMEZONE");
    }

    /// <summary>An offset as RFC 5545's utc-offset: "-0300", "+0530", seconds only when there are any.</summary>
    private static string Utc(Offset offset)
    {
        var seconds = Math.Abs(offset.Seconds);
        var sign = offset.Seconds < 0 ? "-" : "+";
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 3600:00}{seconds / 60 % 60:00}");
        return seconds % 60 == 0 ? text : text + (seconds % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>
    /// Appends one content line ending in CRLF, folded so that no line is longer than 75 octets of
    /// UTF-8 (continuations start with a space), never inside a character (RFC 5545 §3.1).
    /// </summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (octets + rune.Utf8SequenceLength > MaxLineOctets)
            {
                text.Append("\r\n ");
                octets = 1;
            }
            text.Append(rune.ToString());
            octets += rune.Utf8SequenceLength;
        }
        text.Append("\r\n");
    }
}
