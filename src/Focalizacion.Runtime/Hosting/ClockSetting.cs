using Focalizacion.Calendar;
using Focalizacion.Runtime.VirtualTime;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Runtime.Hosting;

/// <summary>
/// The clock every host of the engine (CLI, service) uses: the system clock, or an instant fixed
/// by <see cref="Variable"/> for rehearsals and tests. One parser, so every host reads it alike.
/// </summary>
public static class ClockSetting
{
    /// <summary>
    /// Environment variable that fixes the clock at an ISO 8601 instant with offset (a host started
    /// with it sees that instant as "now"). Unset in production.
    /// </summary>
    public const string Variable = "FOCALIZACION_RELOJ";

    /// <summary>The system clock when <paramref name="fixedInstant"/> is empty, else a clock stopped at it; a Spanish reason when it is not an instant.</summary>
    public static Result<IClock> Parse(string? fixedInstant)
    {
        if (fixedInstant is not { Length: > 0 })
        {
            return Result<IClock>.Ok(SystemClock.Instance);
        }
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(fixedInstant);
        return parsed.Success
            ? Result<IClock>.Ok(new VirtualClock(parsed.Value.ToInstant()))
            : Result<IClock>.Fail($"{Variable}: «{fixedInstant}» no es un instante ISO 8601 con zona");
    }
}
