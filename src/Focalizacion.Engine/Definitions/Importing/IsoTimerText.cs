using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>The ISO 8601 forms a timer may carry: a date-time with or without offset, and a period.</summary>
internal static class IsoTimerText
{
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    /// <summary>
    /// A moment: with an offset (or Z) it is fixed; without, it is read later in the region's zone.
    /// Its year must be one the holiday calendar covers, as every date the engine works with is.
    /// </summary>
    public static Result<TimerDefinition> Moment(string text)
    {
        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(text) is { Success: true } parsed)
            {
                return InCalendar(text, parsed.Value.Year, new TimerDefinition(TimerKind.Date, text) { FixedMoment = parsed.Value });
            }
        }
        foreach (var pattern in LocalPatterns)
        {
            if (pattern.Parse(text) is { Success: true } parsed)
            {
                return InCalendar(text, parsed.Value.Year, new TimerDefinition(TimerKind.Date, text) { LocalMoment = parsed.Value });
            }
        }
        return Result<TimerDefinition>.Fail(
            $"{Spanish.Quote(text)} no es una fecha y hora ISO 8601 (p. ej. 2026-03-15T09:00 o 2026-03-15T09:00:00-03:00); "
            + $"si es una regla de plazo, el elemento necesita language=\"{TimerDefinition.PlazoLanguage}\"");
    }

    private static Result<TimerDefinition> InCalendar(string text, int year, TimerDefinition timer) =>
        year is >= HolidayCalendar.FirstYear and <= HolidayCalendar.LastYear
            ? Result<TimerDefinition>.Ok(timer)
            : Result<TimerDefinition>.Fail(
                $"la fecha {Spanish.Quote(text)} está fuera de los años que cubre el calendario ({HolidayCalendar.FirstYear}–{HolidayCalendar.LastYear})");

    /// <summary>A positive period of at most <see cref="TimerDefinition.MaxDurationDays"/> days: "P15D", "PT48H", "P1M", "P1DT2H".</summary>
    public static Result<TimerDefinition> Duration(string text)
    {
        var parsed = PeriodPattern.NormalizingIso.Parse(text);
        if (!parsed.Success)
        {
            return Result<TimerDefinition>.Fail($"{Spanish.Quote(text)} no es una duración ISO 8601 (p. ej. P15D, PT48H, P1M o P1DT2H)");
        }
        var period = parsed.Value;
        bool negative = period.Years < 0 || period.Months < 0 || period.Weeks < 0 || period.Days < 0 || period.Hours < 0
            || period.Minutes < 0 || period.Seconds < 0 || period.Milliseconds < 0 || period.Ticks < 0 || period.Nanoseconds < 0;
        if (negative || period.Equals(Period.Zero))
        {
            return Result<TimerDefinition>.Fail($"la duración {Spanish.Quote(text)} debe ser mayor que cero");
        }
        if (LongestDays(period) > TimerDefinition.MaxDurationDays)
        {
            return Result<TimerDefinition>.Fail(
                $"la duración {Spanish.Quote(text)} pasa del máximo de {TimerDefinition.MaxDurationDays} días (10 años), contando años de 366 días y meses de 31");
        }
        return Result<TimerDefinition>.Ok(new TimerDefinition(TimerKind.Duration, text) { Period = period });
    }

    /// <summary>
    /// The most days the period can span, in decimal so that no unit overflows: normalizing a
    /// period turns its days into nanoseconds, which overflows from 106,752 days.
    /// </summary>
    private static decimal LongestDays(Period period)
    {
        var hours = period.Hours + (period.Minutes / 60m) + (period.Seconds / 3_600m) + (period.Milliseconds / 3_600_000m)
            + (period.Ticks / 36_000_000_000m) + (period.Nanoseconds / 3_600_000_000_000m);
        return (period.Years * 366m) + (period.Months * 31m) + (period.Weeks * 7m) + period.Days + (hours / 24m);
    }
}
