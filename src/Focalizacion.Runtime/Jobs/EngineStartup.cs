using Focalizacion.Runtime.Persistence;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Focalizacion.Runtime.Jobs;

/// <summary>
/// At start-up: apply migrations (Hangfire's tables included) and grant the roles as the tables'
/// owner (<see cref="SchemaOwner"/>), start this process's Hangfire
/// server, catch up on everything due while the service was down (once, late, journaled with its
/// lateness), and register the sweeps as recurring jobs. Idempotent: the service retries it until
/// PostgreSQL answers.
/// </summary>
public sealed partial class EngineStartup(EngineRuntime runtime, SchemaOwner owner, IRecurringJobManager recurring, JobServer server, ILogger<EngineStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await owner.PrepareAsync(runtime.Schema, cancellationToken);
        LogMigrations(applied.Count);
        // Hangfire's tables exist now and the engine's role may use them; the wake-ups the catch-up queues run as it goes.
        server.Start();
        var fired = await runtime.Timers.FireDueAsync(cancellationToken: cancellationToken);
        var delivered = await runtime.Outbox.DeliverDueAsync(cancellationToken: cancellationToken);
        LogCatchUp(fired, delivered);
        recurring.AddOrUpdate<TimerJobs>("temporizadores-vencidos", j => j.FireDueAsync(), EngineWorkerSetup.SweepSchedule);
        recurring.AddOrUpdate<OutboxJobs>("bandeja-de-salida", j => j.DeliverDueAsync(), EngineWorkerSetup.SweepSchedule);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrations applied at start-up: {Count}")]
    private partial void LogMigrations(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up catch-up: {Fired} timers fired, {Delivered} effects delivered")]
    private partial void LogCatchUp(int fired, int delivered);
}
