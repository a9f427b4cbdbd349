using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Cycle;

/// <summary>
/// The engine runtime with the cycle's handlers (email, outcomes, the previous year's look-up):
/// what the service, the CLI and the simulation run.
/// </summary>
public static class CycleRuntime
{
    /// <summary>
    /// Retries for the cycle's effects: an SMTP server down for days must not lose an oficio, so
    /// attempts go on hourly for about five days before an incident asks an operator to look.
    /// </summary>
    public static RuntimeOptions Options { get; } = new()
    {
        MaxAttempts = 130,
        FirstRetryDelay = Duration.FromMinutes(1),
        MaxRetryDelay = Duration.FromHours(1),
    };

    public static EngineRuntime Create(Store store, IClock clock, HolidayCalendar calendar, MailSettings mail, IWakeUps? wakeUps = null) =>
        new(store, clock, calendar, CycleHandlers.Create(store, clock, calendar, mail), Options, wakeUps);
}
