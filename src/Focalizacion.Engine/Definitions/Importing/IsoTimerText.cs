using Focalizacion.Calendar;
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

    /// <summary>A moment: with an offset (or Z) it is fixed; without, it is read later in the region's zone.</summary>
    public static Result<TimerDefinition> Moment(string text)
    {
        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(text) is { Success: true } parsed)
            {
                return Result<TimerDefinition>.Ok(new TimerDefinition(TimerKind.Date, text) { FixedMoment = parsed.Value });
            }
        }
        foreach (var pattern in LocalPatterns)
        {
            if (pattern.Parse(text) is { Success: true } parsed)
            {
                return Result<TimerDefinition>.Ok(new TimerDefinition(TimerKind.Date, text) { LocalMoment = parsed.Value });
            }
        }
        return Result<TimerDefinition>.Fail(
            $"{Spanish.Quote(text)} no es una fecha y hora ISO 8601 (p. ej. 2026-03-15T09:00 o 2026-03-15T09:00:00-03:00); "
            + $"si es una regla de plazo, el elemento necesita language=\"{TimerDefinition.PlazoLanguage}\"");
    }

    /// <summary>A positive period: "P15D", "PT48H", "P1M", "P1DT2H".</summary>
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
        if (negative || period.Normalize().Equals(Period.Zero))
        {
            return Result<TimerDefinition>.Fail($"la duración {Spanish.Quote(text)} debe ser mayor que cero");
        }
        return Result<TimerDefinition>.Ok(new TimerDefinition(TimerKind.Duration, text) { Period = period });
    }
}
