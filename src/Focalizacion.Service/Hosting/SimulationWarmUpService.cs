using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Service.Hosting;

/// <summary>
/// Runs <see cref="SimulationWarmUp"/> once in the background after the engine has started, so that
/// the first simulation a user asks for (<c>POST /api/v1/simulaciones</c>, the designer's) finds the
/// process warm instead of paying for its JIT. It never touches the live data and sends nothing: it
/// simulates in throwaway databases as users do. Off with
/// <see cref="ServiceSettings.SimulationWarmUpVariable"/> set to <c>no</c> (the service's tests).
/// </summary>
/// <remarks>
/// It starts only when the engine's start-up has finished (<see cref="EngineStartupRetry.Started"/>),
/// so readiness is not delayed by it, and it gives way to users: a user's simulation stops it for
/// good (<see cref="YieldAsync"/>) and runs once it has let go (milliseconds: its statements are
/// cancelled), keeping what it had compiled so far. A warm-up that fails is logged and forgotten: a
/// user's simulation would then meet the same problem and report it.
/// </remarks>
internal sealed partial class SimulationWarmUpService(
    bool enabled, EngineStartupRetry engine, SchemaOwner owner, HolidayCalendar calendar, IClock clock, ILogger<SimulationWarmUpService> logger)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;
    private bool _yielded;

    /// <summary>Stops the warm-up for good (or keeps it from starting) and waits until it has let go: a user's simulation is about to run.</summary>
    public Task YieldAsync()
    {
        lock (_lock)
        {
            _yielded = true;
            _stop?.Cancel();
            return _running;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            return;
        }
        await engine.Started.WaitAsync(stoppingToken);
        Task running;
        lock (_lock)
        {
            if (_yielded)
            {
                return;
            }
            _stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            running = _running = WarmUpAsync(_stop.Token, stoppingToken);
        }
        await running;
    }

    private async Task WarmUpAsync(CancellationToken stop, CancellationToken stoppingToken)
    {
        // Off the caller's thread: the lock is held while this starts.
        await Task.Yield();
        // The budget year the designer's simulations run by default: the next one.
        var budgetYear = clock.GetCurrentInstant().InZone(ChileanTime.Mainland).Year + 1;
        try
        {
            var took = await SimulationWarmUp.RunAsync(owner.Store.ConnectionString, calendar, budgetYear, cancellationToken: stop);
            LogWarmedUp(SimulationWarmUp.Runs, took.TotalSeconds);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                LogYielded();
            }
        }
        catch (Exception failure)
        {
            LogFailed(failure);
        }
    }

    public override void Dispose()
    {
        _stop?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulations warmed up: {Runs} simulations of every region in throwaway databases took {Seconds:N1} s")]
    private partial void LogWarmedUp(int runs, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulation warm-up stopped: a user's simulation runs instead")]
    private partial void LogYielded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulation warm-up failed; users' simulations start cold")]
    private partial void LogFailed(Exception failure);
}
