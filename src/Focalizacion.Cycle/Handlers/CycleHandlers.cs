using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Cycle.Handlers;

/// <summary>The cycle's handlers, ready for <c>new EngineRuntime(store, clock, calendar, handlers, options)</c>.</summary>
public static class CycleHandlers
{
    /// <summary>enviar-correo, registrar-resultado and buscar-focalizacion-anterior over one store and clock.</summary>
    public static IReadOnlyList<IEffectHandler> Create(Store store, IClock clock, HolidayCalendar calendar, MailSettings mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return Create(store, clock, calendar, mail, mail.CreateTransport());
    }

    /// <summary>As above with an explicit transport (tests, or a transport shared by several runtimes).</summary>
    public static IReadOnlyList<IEffectHandler> Create(Store store, IClock clock, HolidayCalendar calendar, MailSettings mail, IMailTransport transport)
    {
        var records = new CycleRecords(store);
        return
        [
            new EnviarCorreoHandler(store, clock, calendar, mail, transport),
            new RegistrarResultadoHandler(records, clock),
            new BuscarFocalizacionAnteriorHandler(records),
        ];
    }
}
