using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Runtime;

/// <summary>How the runtime retries effects (durations, not bare numbers of seconds) and how many instance states it keeps.</summary>
public sealed record RuntimeOptions
{
    /// <summary>Attempts before a failing effect becomes an incident.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Wait after the first failure; it doubles with each further failure.</summary>
    public Duration FirstRetryDelay { get; init; } = Duration.FromMinutes(1);

    /// <summary>The longest wait between two attempts.</summary>
    public Duration MaxRetryDelay { get; init; } = Duration.FromHours(6);

    /// <summary>
    /// How long a claimed effect stays reserved for the worker delivering it before another may
    /// try; the worker renews it every <see cref="DeliveryHeartbeat"/> while its handler runs, so
    /// the lease only runs out when the worker is gone (or cannot reach the database for that long).
    /// </summary>
    public Duration DeliveryLease { get; init; } = Duration.FromMinutes(5);

    /// <summary>
    /// How often, in real time, a worker running a handler pushes its claim a <see cref="DeliveryLease"/>
    /// ahead; well under the lease, so a few missed renewals (a database restart) lose nothing.
    /// </summary>
    public Duration DeliveryHeartbeat { get; init; } = Duration.FromMinutes(1);

    /// <summary>How the outbox retries recording a handler's outcome while the database is unavailable.</summary>
    public BookkeepingRetry Bookkeeping { get; init; } = BookkeepingRetry.Default;

    /// <summary>
    /// How many instances' last committed states a process keeps, so that the next event for one
    /// of them is stepped in one round trip instead of two (0: none). A state is a few kilobytes;
    /// the default holds every cycle of a budget year many times over.
    /// </summary>
    public int InstanceCacheCapacity { get; init; } = 1_024;

    /// <summary>The backoff before attempt <paramref name="attempt"/> + 1.</summary>
    /// <remarks>
    /// Compared with the cap before it becomes a <see cref="Duration"/>: after some 35 doublings of a
    /// minute the product is beyond what a Duration can hold, and many hourly attempts go that far.
    /// </remarks>
    public Duration RetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Max(0, attempt - 1));
        return FirstRetryDelay.TotalNanoseconds * factor >= MaxRetryDelay.TotalNanoseconds ? MaxRetryDelay : FirstRetryDelay * factor;
    }
}
