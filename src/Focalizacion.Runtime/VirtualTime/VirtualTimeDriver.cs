using Focalizacion.Runtime.Outbox;
using Focalizacion.Runtime.Timers;
using NodaTime;

namespace Focalizacion.Runtime.VirtualTime;

/// <summary>
/// Drives the real engine and store through time with a virtual clock: deliver what is due, then jump
/// the clock to the next due timer or retry, and repeat. A whole year runs in seconds; tests and
/// the simulation feature use it instead of Hangfire.
/// </summary>
/// <remarks>
/// At each instant it delivers the due effects, then fires the due timers, and again until neither
/// finds anything, as a lone sweeper would. What is due and when the next thing is are read in one
/// round trip; the timers are read again after deliveries only (which may have scheduled or
/// cancelled some), and the last, empty look gives the instant to jump to.
/// </remarks>
public sealed class VirtualTimeDriver(VirtualClock clock, TimerFiring timers, OutboxDelivery outbox)
{
    /// <summary>Runs until nothing is due before <paramref name="until"/>, then leaves the clock there.</summary>
    public async Task RunUntilAsync(Instant until, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var next = await SettleThenNextAsync(cancellationToken);
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
    public Task SettleAsync(CancellationToken cancellationToken = default) => SettleThenNextAsync(cancellationToken);

    /// <summary>As <see cref="SettleAsync"/>; returns the earliest instant something is due after that.</summary>
    private async Task<Instant?> SettleThenNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var look = await LookAsync(cancellationToken);
            var delivered = await outbox.DeliverAsync(look.Effects, cancellationToken);
            var fired = await timers.FireBatchesAsync(look.Effects.Count == 0 ? look.Timers : null, TimerFiring.BatchSize, inDueOrder: true, cancellationToken);
            if (delivered + fired > 0)
            {
                continue;
            }
            // Nothing happened since the look, or only attempts that changed nothing but when they are due next.
            return look.Effects.Count == 0 && look.Timers.Count == 0
                ? look.Next
                : Earliest(await timers.NextDueAsync(cancellationToken), await outbox.NextAttemptAsync(cancellationToken));
        }
    }

    /// <summary>The effects and timers due now, and the earliest instant either is due, in one round trip.</summary>
    private async Task<(List<long> Effects, List<DueTimer> Timers, Instant? Next)> LookAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var batch = timers.Store.CreateBatch();
        batch.BatchCommands.Add(OutboxDelivery.DueCommand(now, OutboxDelivery.BatchSize));
        batch.BatchCommands.Add(TimerFiring.DueCommand(now, TimerFiring.BatchSize));
        batch.BatchCommands.Add(OutboxDelivery.NextAttemptCommand());
        batch.BatchCommands.Add(TimerFiring.NextDueCommand());
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var effects = await OutboxDelivery.ReadDueAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var due = await TimerFiring.ReadDueAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var nextAttempt = await OutboxDelivery.ReadNextAttemptAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return (effects, due, Earliest(nextAttempt, await TimerFiring.ReadNextDueAsync(reader, cancellationToken)));
    }

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : (a < b ? a : b);
}
