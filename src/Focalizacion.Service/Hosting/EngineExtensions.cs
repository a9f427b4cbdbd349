using Focalizacion.Cycle;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Jobs;

namespace Focalizacion.Service.Hosting;

/// <summary>
/// Registers the workflow engine on the service with the Decreto 246 cycle's handlers: store, clock,
/// calendar, the Hangfire server that fires timers and delivers effects, the cycle's bootstrap and
/// its yearly start.
/// </summary>
internal static class EngineExtensions
{
    /// <summary>
    /// The engine as the CLI's <c>trabajador</c> runs it, except that its start-up (migrations,
    /// catch-up) runs in the background with retries (<see cref="EngineStartupRetry"/>). The
    /// calendar is read now, so a bad special-holiday file stops the start with its line.
    /// </summary>
    public static IHostApplicationBuilder AddEngine(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var calendar = SpecialHolidayData.Load(configuration[SpecialHolidayData.PathVariable]);
        var services = builder.Services;
        // Mail settings and the cycles' start moment are read now: a bad FOCALIZACION_SMTP_* or
        // FOCALIZACION_CICLOS_INICIO value stops the start with the variable's name.
        services.AddFocalizacionCycle(
            ServiceSettings.ConnectionString(configuration), calendar, ServiceSettings.Clock(configuration), MailSettings.FromEnvironment(), CycleStartMoment.FromEnvironment());
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EngineStartup)));
        services.AddSingleton<EngineStartup>();
        services.AddHostedService<EngineStartupRetry>();
        return builder;
    }
}
