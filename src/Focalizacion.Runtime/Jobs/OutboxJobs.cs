using Hangfire;

namespace Focalizacion.Runtime.Jobs;

/// <summary>Hangfire jobs that deliver outbox entries by id; re-entrant like <see cref="TimerJobs"/>.</summary>
public sealed class OutboxJobs(EngineRuntime runtime)
{
    /// <remarks>Retries and backoff are the outbox's (its rows keep attempts and the next try), not Hangfire's.</remarks>
    [AutomaticRetry(Attempts = 0)]
    public Task DeliverAsync(long outboxId) => runtime.Outbox.DeliverAsync(outboxId);

    /// <summary>The sweep: every pending entry whose next attempt is due.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task DeliverDueAsync() => runtime.Outbox.DeliverDueAsync();
}
