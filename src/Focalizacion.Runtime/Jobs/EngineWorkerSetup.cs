using Focalizacion.Runtime.Persistence;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Focalizacion.Runtime.Jobs;

/// <summary>
/// Registers the engine and its Hangfire server on a host: the worker that fires timers and
/// delivers effects. The host's start-up (<see cref="EngineStartup"/>) migrates, catches up and
/// only then starts the server (<see cref="JobServer"/>).
/// </summary>
public static class EngineWorkerSetup
{
    /// <summary>How often the sweeps run: the safety net under the per-timer and per-effect jobs.</summary>
    public const string SweepSchedule = "* * * * *";

    /// <summary>
    /// Hangfire's storage in the engine's database. It never installs its tables itself: the
    /// migrations do, under their advisory lock (<see cref="Migrator"/>).
    /// </summary>
    public static PostgreSqlStorageOptions StorageOptions() => new()
    {
        SchemaName = Migrator.HangfireSchema,
        PrepareSchemaIfNecessary = false,
        QueuePollInterval = TimeSpan.FromSeconds(1),
    };

    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">
    /// The PostgreSQL store, also Hangfire's storage. It also migrates, unless the host registered its own
    /// <see cref="SchemaOwner"/> first (the service: the tables' owner migrates, this role only works on the tables).
    /// </param>
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
        services.TryAddSingleton(sp => new SchemaOwner(sp.GetRequiredService<Store>()));
        services.AddSingleton<IWakeUps, HangfireWakeUps>();
        services.AddSingleton(sp => runtime(sp.GetRequiredService<Store>(), sp.GetRequiredService<IWakeUps>()));
        services.AddTransient<TimerJobs>();
        services.AddTransient<OutboxJobs>();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), StorageOptions()));
        // Not AddHangfireServer: the server starts once the start-up has installed its tables.
        services.AddHostedService<EngineStartup>();
        services.AddSingleton<JobServer>();
        services.AddHostedService(sp => sp.GetRequiredService<JobServer>());
        return services;
    }
}
