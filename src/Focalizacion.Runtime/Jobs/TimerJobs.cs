using Focalizacion.Runtime.Timers;
using Hangfire;

namespace Focalizacion.Runtime.Jobs;

/// <summary>
/// Hangfire jobs that wake timers up. Their argument is a row id; each run reloads the row and
/// checks it (<see cref="TimerFiring"/>), so a job that runs twice, late, or on two servers at
/// once still fires the timer once.
/// </summary>
/// <remarks>
/// There is no lock on the job itself: firings of different timers run side by side, each under
/// the locks of its own instance and timer row, which <see cref="TimerFiring"/> takes with
/// <c>SKIP LOCKED</c>. A lock on the job type would let one firing stuck in its transaction hold
/// up every other timer of every process. A firing that finds its instance or row locked (a step
/// of that instance, another job for the same timer) tries again a few seconds later, for about
/// the minute until the sweep takes over, so two timers of one instance due together both fire
/// on time.
/// </remarks>
public sealed class TimerJobs(EngineRuntime runtime, IBackgroundJobClient jobs)
{
    /// <summary>How long a firing that found its instance or row locked waits before trying again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Tries after a busy firing: together about one sweep interval, after which the sweep keeps trying.</summary>
    public const int MaxBusyRetries = 12;

    /// <remarks>Hangfire's own retries are off: a missed firing is caught by the sweep, not by replaying the job.</remarks>
    [AutomaticRetry(Attempts = 0)]
    public Task FireAsync(long timerRowId) => FireAsync(timerRowId, 0);

    /// <summary>A firing tried again after <paramref name="busyRetries"/> busy ones.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task FireAsync(long timerRowId, int busyRetries)
    {
        if (await runtime.Timers.FireAsync(timerRowId) == FireOutcome.Busy && busyRetries < MaxBusyRetries)
        {
            jobs.Schedule<TimerJobs>(j => j.FireAsync(timerRowId, busyRetries + 1), BusyRetryDelay);
        }
    }

    /// <summary>The sweep: every pending timer due by the clock, including those due while the service was down.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task FireDueAsync() => runtime.Timers.FireDueAsync();
}
