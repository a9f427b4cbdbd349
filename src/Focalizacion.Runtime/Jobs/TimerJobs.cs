using Hangfire;

namespace Focalizacion.Runtime.Jobs;

/// <summary>
/// Hangfire jobs that wake timers up. Their argument is a row id; each run reloads the row and
/// checks it (<see cref="Timers.TimerFiring"/>), so a job that runs twice, late, or on two
/// servers at once still fires the timer once.
/// </summary>
public sealed class TimerJobs(EngineRuntime runtime)
{
    /// <remarks>Hangfire's own retries are off: a missed firing is caught by the sweep, not by replaying the job.</remarks>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task FireAsync(long timerRowId) => runtime.Timers.FireAsync(timerRowId);

    /// <summary>The sweep: every pending timer due by the clock, including those due while the service was down.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task FireDueAsync() => runtime.Timers.FireDueAsync();
}
