using Hangfire;
using NodaTime;

namespace Focalizacion.Runtime.Jobs;

/// <summary>Wake-ups as Hangfire jobs: a delayed job at a timer's due instant, an immediate one for a new effect.</summary>
public sealed class HangfireWakeUps(IBackgroundJobClient jobs) : IWakeUps
{
    public void TimerScheduled(long timerRowId, Instant dueAt) =>
        jobs.Schedule<TimerJobs>(j => j.FireAsync(timerRowId), dueAt.ToDateTimeOffset());

    public void EffectQueued(long outboxId) => jobs.Enqueue<OutboxJobs>(j => j.DeliverAsync(outboxId));
}
