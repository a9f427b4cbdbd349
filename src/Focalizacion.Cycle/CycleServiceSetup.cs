using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Jobs;
using Focalizacion.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Focalizacion.Cycle;

/// <summary>Registers the engine with the cycle's handlers and retry policy, and the cycle's bootstrap, on a host.</summary>
public static class CycleServiceSetup
{
    public static IServiceCollection AddFocalizacionCycle(
        this IServiceCollection services, string connectionString, HolidayCalendar calendar, IClock clock, MailSettings mail)
    {
        services.AddSingleton(mail);
        services.AddFocalizacionEngine(connectionString, calendar, clock, CycleRuntime.Options,
            sp => CycleHandlers.Create(sp.GetRequiredService<Store>(), clock, calendar, mail));
        services.AddSingleton(sp => new CycleBootstrap(sp.GetRequiredService<EngineRuntime>(), calendar));
        return services;
    }
}
