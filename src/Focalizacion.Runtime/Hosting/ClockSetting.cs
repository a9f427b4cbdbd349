using Focalizacion.Calendar;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Runtime.Hosting;

/// <summary>
/// The clock every host of the engine (CLI, service) uses: the system clock, or for rehearsals
/// and tests one that starts at the instant <see cref="Variable"/> gives and runs from there
/// (<see cref="RehearsalClock"/>). One parser, so every host reads it alike.
/// </summary>
public static class ClockSetting
{
    /// <summary>
    /// Environment variable with an ISO 8601 instant with offset: a host started with it sees that
    /// instant as "now" at start, and time runs on from there at its real pace. Unset in production.
    /// </summary>
    public const string Variable = "FOCALIZACION_RELOJ";

    /// <summary>As <see cref="Parse(string?, IClock)"/>, running with the system clock.</summary>
    public static Result<IClock> Parse(string? start) => Parse(start, SystemClock.Instance);

    /// <summary>
    /// <paramref name="realTime"/> itself when <paramref name="start"/> is empty, else a clock that
    /// reads <paramref name="start"/> now and runs with <paramref name="realTime"/>; a Spanish reason
    /// naming the variable when it is not an instant.
    /// </summary>
    public static Result<IClock> Parse(string? start, IClock realTime)
    {
        ArgumentNullException.ThrowIfNull(realTime);
        if (start is not { Length: > 0 })
        {
            return Result<IClock>.Ok(realTime);
        }
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(start);
        return parsed.Success
            ? Result<IClock>.Ok(new RehearsalClock(parsed.Value.ToInstant(), realTime))
            : Result<IClock>.Fail($"{Variable}: {Spanish.Quote(start)} no es un instante ISO 8601 con zona (p. ej. 2026-11-20T09:00:00-03:00)");
    }
}
