using Focalizacion.Calendar.Holidays;
using Focalizacion.Runtime.Handlers;
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
    /// <param name="calendar">Holidays and business days.</param>
    /// <param name="clock">The clock every step reads.</param>
    /// <param name="options">Retry policy of effects.</param>
    /// <param name="handlers">The effect handlers; by default every registered <see cref="IEffectHandler"/>.</param>
    public static IServiceCollection AddFocalizacionEngine(
        this IServiceCollection services, string connectionString, HolidayCalendar calendar, IClock clock, RuntimeOptions? options = null,
        Func<IServiceProvider, IEnumerable<IEffectHandler>>? handlers = null)
    {
        services.AddSingleton(clock);
        services.AddSingleton(calendar);
        services.AddSingleton(_ => new Store(connectionString));
        services.AddSingleton<IWakeUps, HangfireWakeUps>();
        services.AddSingleton(sp => new EngineRuntime(
            sp.GetRequiredService<Store>(), sp.GetRequiredService<IClock>(), calendar,
            handlers?.Invoke(sp) ?? sp.GetServices<IEffectHandler>(), options, sp.GetRequiredService<IWakeUps>()));
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
