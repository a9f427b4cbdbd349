using NodaTime;

namespace Focalizacion.Runtime.VirtualTime;

/// <summary>
/// A clock that reads whatever instant it was last set to: virtual time for simulations, the
/// <c>temporizadores correr</c> verb and rehearsals. It only moves forward, as time does for
/// the timers and the journal it drives.
/// </summary>
public sealed class VirtualClock(Instant start) : IClock
{
    private long _ticks = start.ToUnixTimeTicks();

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    /// <summary>Moves the clock to <paramref name="instant"/>; an earlier instant is a caller mistake.</summary>
    public void AdvanceTo(Instant instant)
    {
        if (instant < GetCurrentInstant())
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant, $"Virtual time does not go back (now {GetCurrentInstant()}).");
        }
        Interlocked.Exchange(ref _ticks, instant.ToUnixTimeTicks());
    }

    /// <summary>Moves the clock forward by <paramref name="duration"/>.</summary>
    public void Advance(Duration duration) => AdvanceTo(GetCurrentInstant() + duration);
}
