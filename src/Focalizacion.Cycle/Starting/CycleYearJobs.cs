using Hangfire;
using Microsoft.Extensions.Logging;

namespace Focalizacion.Cycle.Starting;

/// <summary>
/// The recurring Hangfire job that starts each budget year's 16 cycles at its configured moment
/// (<see cref="CycleStartMoment"/>), so that a service running through the year starts the next
/// one, and its oficio de inicio goes out, without a restart.
/// </summary>
/// <remarks>
/// It runs every minute and compares the injected clock with the moment, instead of being a cron
/// at the moment itself: Hangfire's cron follows the machine's wall clock, which a rehearsal clock
/// (<c>FOCALIZACION_RELOJ</c>) never meets, and a run with every cycle started is one indexed
/// query. It is idempotent: regions with a cycle of the year are skipped and
/// <see cref="CycleStarter"/> starts a region-year once under an advisory lock, so replicas and
/// reruns start nothing twice. Every start is journaled (<c>instancia-iniciada</c> by
/// <c>servicio</c>). A region that fails to start is logged as an error and tried again at the
/// next run, and readiness names it meanwhile; the run itself does not fail, or a region failing
/// for days would leave a failed job in Hangfire's storage every minute, never expiring.
/// </remarks>
public sealed partial class CycleYearJobs(CycleBootstrap bootstrap, ILogger<CycleYearJobs> logger)
{
    /// <summary>The recurring job's id in Hangfire's storage (and its dashboard).</summary>
    public const string RecurringJobId = "inicio-de-ciclos";

    /// <summary>Every minute: a year's cycles start within a minute of its moment.</summary>
    public const string Schedule = "* * * * *";

    /// <summary>Registers (or updates) the recurring job; every process may do it, storage keeps one.</summary>
    public static void Register(IRecurringJobManager recurring) =>
        recurring.AddOrUpdate<CycleYearJobs>(RecurringJobId, j => j.StartDueYearAsync(), Schedule);

    /// <summary>Starts the due year's missing cycles and logs what it did.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task StartDueYearAsync() => Log(await bootstrap.StartDueYearAsync(), evenIfNothingChanged: false);

    /// <summary>Logs what a start did: every failure, and a summary when something started, failed or <paramref name="evenIfNothingChanged"/>.</summary>
    public void Log(YearStart start, bool evenIfNothingChanged)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (var failure in start.Failures)
        {
            LogFailure(failure.Failure, start.BudgetYear, failure.Region.IsoSuffix);
        }
        if (evenIfNothingChanged || start.Started > 0 || start.Failures.Count > 0)
        {
            var overdue = string.Join("; ", start.Starts.Where(s => s.OverdueWithoutRecord.Count > 0).Select(s => $"{s.Region.IsoSuffix}: {string.Join(", ", s.OverdueWithoutRecord)}"));
            LogSummary(start.BudgetYear, start.Started, start.AlreadyThere + start.Starts.Count - start.Started, start.Failures.Count, overdue);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cycles of budget year {Year}: {Started} started, {Existing} already there, {Failed} failed; overdue without record (flagged, not sent): {Overdue}")]
    private partial void LogSummary(int year, int started, int existing, int failed, string overdue);

    [LoggerMessage(Level = LogLevel.Error, Message = "The cycle of budget year {Year} could not start in region {Region}; tried again in a minute")]
    private partial void LogFailure(Exception failure, int year, string region);
}
