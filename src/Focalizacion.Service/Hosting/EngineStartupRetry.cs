using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime.Jobs;
using Hangfire;

namespace Focalizacion.Service.Hosting;

/// <summary>
/// Runs the engine's start-up (migrations and grants as the owner, Hangfire server, catch-up, sweeps) and then the cycle's
/// bootstrap (directory, shipped workflow, the cycles of the budget year due) in the background,
/// retrying until PostgreSQL answers, and then schedules the cycles' yearly start
/// (<see cref="CycleYearJobs"/>). All of it is idempotent, so a retry after a partial run is
/// harmless. The worker host runs the engine's start-up before anything else and dies with the
/// database; the service instead listens at once, so that <c>/salud/listo</c> can say what is
/// missing while the database is down, and becomes ready on its own when it comes back.
/// </summary>
/// <remarks>
/// A region whose cycle fails to start does not hold the start-up back: it is logged, readiness
/// names it, and the yearly start tries it again every minute.
/// </remarks>
internal sealed partial class EngineStartupRetry(
    EngineStartup startup, CycleBootstrap cycle, CycleYearJobs cycleYear, IRecurringJobManager recurring, ILogger<EngineStartupRetry> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the start-up has succeeded (what waits on it runs after readiness's own work, not beside it).</summary>
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: the first attempt must not hold the server back.
        await Task.Yield();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                await startup.StartAsync(stoppingToken);
                cycleYear.Log(await cycle.RunAsync(stoppingToken), evenIfNothingChanged: true);
                CycleYearJobs.Register(recurring);
                _started.TrySetResult();
                return;
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetry(failure, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Engine start-up failed (database unreachable or migration error); retrying in {Seconds} s")]
    private partial void LogRetry(Exception failure, double seconds);
}
