using NodaTime;

namespace Focalizacion.Runtime;

/// <summary>
/// Wakes the runtime when a timer falls due or an effect is queued, after the transaction that
/// created it commits. Only a latency aid: the rows are the truth, and sweeps find anything a
/// lost wake-up missed (<see cref="Timers.TimerFiring.FireDueAsync"/>, <see cref="Outbox.OutboxDelivery.DeliverDueAsync"/>).
/// </summary>
public interface IWakeUps
{
    void TimerScheduled(long timerRowId, Instant dueAt);

    void EffectQueued(long outboxId);
}

/// <summary>No wake-ups: sweeps or a virtual-time driver do the work.</summary>
public sealed class NoWakeUps : IWakeUps
{
    public static NoWakeUps Instance { get; } = new();

    public void TimerScheduled(long timerRowId, Instant dueAt)
    {
    }

    public void EffectQueued(long outboxId)
    {
    }
}
