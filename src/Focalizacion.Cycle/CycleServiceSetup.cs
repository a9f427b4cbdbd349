using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Focalizacion.Cycle;

/// <summary>
/// Registers the engine with the cycle as its module (<see cref="CycleRuntime"/>), the cycle's
/// bootstrap and its recurring job (<see cref="CycleYearJobs"/>) on a host. Every host of the
/// engine registers the job's class, so whichever Hangfire server of the database picks up a run
/// can perform it; the service is the one that schedules it.
/// </summary>
public static class CycleServiceSetup
{
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">The PostgreSQL store.</param>
    /// <param name="calendar">The holiday calendar.</param>
    /// <param name="clock">The clock every step reads.</param>
    /// <param name="mail">Where oficios and reminders go.</param>
    /// <param name="startMoment">When each budget year's cycles start (<see cref="CycleStartMoment.FromEnvironment"/>); the default when null.</param>
    public static IServiceCollection AddFocalizacionCycle(
        this IServiceCollection services, string connectionString, HolidayCalendar calendar, IClock clock, MailSettings mail, CycleStartMoment? startMoment = null)
    {
        services.AddSingleton(mail);
        services.AddSingleton(calendar);
        services.AddFocalizacionEngine(connectionString, clock, (store, wakeUps) => CycleRuntime.Create(store, clock, calendar, mail, wakeUps));
        services.AddSingleton(sp => new CycleBootstrap(sp.GetRequiredService<EngineRuntime>(), calendar, startMoment ?? CycleStartMoment.Default));
        services.AddTransient<CycleYearJobs>();
        // The conformity port of the API and the pages: a host that registers its own first keeps it.
        services.TryAddSingleton<IConformityValidator, DeclaredConformity>();
        return services;
    }
}
