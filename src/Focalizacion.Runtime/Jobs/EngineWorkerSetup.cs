using Focalizacion.Runtime.Persistence;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Focalizacion.Runtime.Jobs;

/// <summary>Registers the engine and its Hangfire server on a host: the worker that fires timers and delivers effects.</summary>
public static class EngineWorkerSetup
{
    /// <summary>How often the sweeps run: the safety net under the per-timer and per-effect jobs.</summary>
    public const string SweepSchedule = "* * * * *";

    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">The PostgreSQL store, also Hangfire's storage.</param>
    /// <param name="clock">The clock every step reads.</param>
    /// <param name="runtime">
    /// Builds the runtime over the host's store and Hangfire wake-ups: the module's own composition
    /// (for the cycle, <c>CycleRuntime.Create</c>), so the service runs what the CLI and the simulation run.
    /// </param>
    public static IServiceCollection AddFocalizacionEngine(
        this IServiceCollection services, string connectionString, IClock clock, Func<Store, IWakeUps, EngineRuntime> runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        services.AddSingleton(clock);
        services.AddSingleton(_ => new Store(connectionString));
        services.AddSingleton<IWakeUps, HangfireWakeUps>();
        services.AddSingleton(sp => runtime(sp.GetRequiredService<Store>(), sp.GetRequiredService<IWakeUps>()));
        services.AddTransient<TimerJobs>();
        services.AddTransient<OutboxJobs>();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(1),
            }));
        services.AddHangfireServer(server =>
        {
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            server.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
        });
        services.AddHostedService<EngineStartup>();
        return services;
    }
}
