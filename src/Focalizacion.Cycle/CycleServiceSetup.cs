using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Jobs;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Focalizacion.Cycle;

/// <summary>Registers the engine with the cycle as its module (<see cref="CycleRuntime"/>), and the cycle's bootstrap, on a host.</summary>
public static class CycleServiceSetup
{
    public static IServiceCollection AddFocalizacionCycle(
        this IServiceCollection services, string connectionString, HolidayCalendar calendar, IClock clock, MailSettings mail)
    {
        services.AddSingleton(mail);
        services.AddSingleton(calendar);
        services.AddFocalizacionEngine(connectionString, clock, (store, wakeUps) => CycleRuntime.Create(store, clock, calendar, mail, wakeUps));
        services.AddSingleton(sp => new CycleBootstrap(sp.GetRequiredService<EngineRuntime>(), calendar));
        return services;
    }
}
