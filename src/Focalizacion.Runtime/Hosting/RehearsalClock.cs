using NodaTime;

namespace Focalizacion.Runtime.Hosting;

/// <summary>
/// A clock that starts at a chosen instant and then runs with real time: the start plus what has
/// elapsed on another clock (the system's) since it was made. What <see cref="ClockSetting"/>
/// gives a host started with <c>FOCALIZACION_RELOJ</c>, for rehearsals of a date to come.
/// </summary>
/// <remarks>
/// It runs, rather than standing still at the start, because a host does things later: an effect
/// that failed is retried minutes on, a reminder falls due at nine. A stopped clock never reaches
/// those instants, so nothing was ever retried while the health check said the service was ready.
/// It never goes back: should the real clock be set back, it holds its last reading until real
/// time catches up, as the timers and the journal it drives expect of time.
/// </remarks>
public sealed class RehearsalClock : IClock
{
    private readonly IClock _realTime;
    private readonly Instant _realStart;
    private long _lastTicks;

    /// <param name="start">The instant the clock reads now.</param>
    /// <param name="realTime">The clock it runs with (the system clock; a fake one in tests).</param>
    public RehearsalClock(Instant start, IClock realTime)
    {
        ArgumentNullException.ThrowIfNull(realTime);
        _realTime = realTime;
        _realStart = realTime.GetCurrentInstant();
        Start = start;
        _lastTicks = start.ToUnixTimeTicks();
    }

    /// <summary>The instant the clock was started at.</summary>
    public Instant Start { get; }

    public Instant GetCurrentInstant()
    {
        var now = (Start + (_realTime.GetCurrentInstant() - _realStart)).ToUnixTimeTicks();
        var last = Interlocked.Read(ref _lastTicks);
        while (now > last)
        {
            var seen = Interlocked.CompareExchange(ref _lastTicks, now, last);
            if (seen == last)
            {
                return Instant.FromUnixTimeTicks(now);
            }
            last = seen;
        }
        return Instant.FromUnixTimeTicks(last);
    }
}
