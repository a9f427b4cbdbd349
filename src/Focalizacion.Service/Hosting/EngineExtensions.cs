using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Starting;
using Focalizacion.Documents.Conformidad;
using Focalizacion.Documents.Persistence;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Jobs;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using NodaTime;

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
    /// catch-up) runs in the background with retries (<see cref="EngineStartupRetry"/>), followed
    /// by the simulations' warm-up (<see cref="SimulationWarmUpService"/>). The
    /// calendar is read now, so a bad special-holiday file stops the start with its line.
    /// </summary>
    public static IHostApplicationBuilder AddEngine(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var calendar = SpecialHolidayData.Load(configuration[SpecialHolidayData.PathVariable]);
        var services = builder.Services;
        // Mail settings and the cycles' start moment are read now: a bad FOCALIZACION_SMTP_* or
        // FOCALIZACION_CICLOS_INICIO value stops the start with the variable's name.
        var owner = ServiceSettings.ConnectionString(configuration);
        var api = ServiceSettings.ApiConnectionString(configuration, owner);
        var motor = ServiceSettings.MotorConnectionString(configuration, owner, api);
        var clock = ServiceSettings.Clock(configuration);
        var mail = MailSettings.FromEnvironment();
        var warmUp = ServiceSettings.SimulationWarmUp(configuration);
        // The conformity port reads the submitted document (registered first, so the cycle keeps it).
        services.AddSingleton<IConformityValidator>(sp => new DocumentConformity(new FocalizacionVersions(sp.GetRequiredService<Store>(), clock)));
        // The tables' owner migrates and grants the two other roles at start-up, and does nothing else
        // (but make the simulations' throwaway databases); the engine, its handlers and Hangfire run as the motor's role.
        services.AddSingleton(_ => new SchemaOwner(new Store(owner), ServiceSettings.RoleOf(motor), ServiceSettings.RoleOf(api)));
        services.AddFocalizacionCycle(motor, calendar, clock, mail, CycleStartMoment.FromEnvironment());
        // The role that serves users, with the cycle's readers over it (never started: the engine's runtime is the motor's).
        services.AddSingleton(_ =>
        {
            var store = new Store(api);
            return new ApiDatabase(store, CycleRuntime.Create(store, clock, calendar, mail), clock);
        });
        services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EngineStartup)));
        services.AddSingleton<EngineStartup>();
        services.AddSingleton<EngineStartupRetry>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineStartupRetry>());
        services.AddSingleton(sp => new SimulationWarmUpService(warmUp, sp.GetRequiredService<EngineStartupRetry>(), sp.GetRequiredService<SchemaOwner>(),
            sp.GetRequiredService<HolidayCalendar>(), sp.GetRequiredService<IClock>(), sp.GetRequiredService<ILogger<SimulationWarmUpService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<SimulationWarmUpService>());
        return builder;
    }
}
