using Focalizacion.Access;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Plan;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Composition;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Cycle;

/// <summary>
/// The engine runtime with the cycle as its module (email, outcomes and the previous year's
/// look-up; each instance's calendar from its region and budget year; the cycle's tables): what
/// the service, the CLI, the simulation and the cycle's tests all run, built here and nowhere else.
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

    /// <summary>The cycle's own tables (directorio, oficios, correos, plantillas, focalizaciones), migrated after the engine's.</summary>
    public static MigrationSet Schema { get; } = new("ciclo", typeof(CycleRuntime).Assembly) { ApiGrants = "conceder_api_ciclo", MotorGrants = "conceder_motor_ciclo" };

    /// <summary>Every module schema the product migrates after the engine's: the cycle's, then the access tables (users, tokens).</summary>
    public static IReadOnlyList<MigrationSet> Schemas { get; } = [Schema, AccessSchema.Migrations];

    public static EngineRuntime Create(Store store, IClock clock, HolidayCalendar calendar, MailSettings mail, IWakeUps? wakeUps = null)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return Create(store, clock, calendar, mail, mail.CreateTransport(), Options, wakeUps);
    }

    /// <summary>As above with an explicit transport and retry policy (tests, benchmarks, a transport shared by several runtimes).</summary>
    public static EngineRuntime Create(
        Store store, IClock clock, HolidayCalendar calendar, MailSettings mail, IMailTransport transport, RuntimeOptions options, IWakeUps? wakeUps = null) =>
        new(store, clock, Module(store, clock, calendar, mail, transport), options, wakeUps);

    /// <summary>The cycle as an engine module: its handlers, instance calendars and schema.</summary>
    public static EngineModule Module(Store store, IClock clock, HolidayCalendar calendar, MailSettings mail, IMailTransport transport) =>
        new(CycleHandlers.Create(store, clock, calendar, mail, transport), new CycleCalendars(calendar), Schemas) { NodeSettings = CycleSettings.Nodes, ReservedVariables = CycleVariables.Reserved };
}
