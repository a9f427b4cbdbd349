using Focalizacion.Runtime.Outbox;
using Focalizacion.Runtime.Timers;
using NodaTime;

namespace Focalizacion.Runtime.VirtualTime;

/// <summary>
/// Drives the real engine and store through time with a virtual clock: deliver what is due, then jump
/// the clock to the next due timer or retry, and repeat. A whole year runs in seconds; tests and
/// the simulation feature use it instead of Hangfire.
/// </summary>
public sealed class VirtualTimeDriver(VirtualClock clock, TimerFiring timers, OutboxDelivery outbox)
{
    /// <summary>Runs until nothing is due before <paramref name="until"/>, then leaves the clock there.</summary>
    public async Task RunUntilAsync(Instant until, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await SettleAsync(cancellationToken);
            var next = Earliest(await timers.NextDueAsync(cancellationToken), await outbox.NextAttemptAsync(cancellationToken));
            // Something due that did not move (a suspended instance's timer) must not spin the loop.
            if (next is null || next > until || next <= clock.GetCurrentInstant())
            {
                break;
            }
            clock.AdvanceTo(next.Value);
        }
        if (until > clock.GetCurrentInstant())
        {
            clock.AdvanceTo(until);
        }
    }

    /// <summary>Fires and delivers everything due now, until nothing more is.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        while (await outbox.DeliverDueAsync(cancellationToken: cancellationToken) + await timers.FireDueAsync(inDueOrder: true, cancellationToken: cancellationToken) > 0)
        {
        }
    }

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : (a < b ? a : b);
}
