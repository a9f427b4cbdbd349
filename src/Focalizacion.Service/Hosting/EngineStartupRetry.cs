using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime.Jobs;

namespace Focalizacion.Service.Hosting;

/// <summary>
/// Runs the engine's start-up (migrations, catch-up, sweeps) and then the cycle's bootstrap (directory,
/// shipped workflow, the cycles of the year in progress) in the background, retrying until PostgreSQL
/// answers; both are idempotent, so a retry after a partial run is harmless. The worker host runs it before anything else and dies with the
/// database; the service instead listens at once, so that <c>/salud/listo</c> can say what is
/// missing while the database is down, and becomes ready on its own when it comes back.
/// </summary>
internal sealed partial class EngineStartupRetry(EngineStartup startup, CycleBootstrap cycle, ILogger<EngineStartupRetry> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

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
                var starts = await cycle.RunAsync(stoppingToken);
                var started = starts.Count(s => !s.AlreadyStarted);
                var overdue = string.Join("; ", starts.Where(s => s.OverdueWithoutRecord.Count > 0).Select(s => $"{s.Region.IsoSuffix}: {string.Join(", ", s.OverdueWithoutRecord)}"));
                LogCycles(started, starts.Count - started, overdue);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Cycles of the year in progress: {Started} started, {Existing} already running; overdue without record (flagged, not sent): {Overdue}")]
    private partial void LogCycles(int started, int existing, string overdue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Engine start-up failed (database unreachable or migration error); retrying in {Seconds} s")]
    private partial void LogRetry(Exception failure, double seconds);
}
