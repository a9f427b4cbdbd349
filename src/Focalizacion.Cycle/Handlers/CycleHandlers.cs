using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Cycle.Handlers;

/// <summary>The cycle's handlers, for the cycle's module (<see cref="CycleRuntime"/>) and for tests of one handler.</summary>
public static class CycleHandlers
{
    /// <summary>enviar-correo, registrar-resultado and buscar-focalizacion-anterior over one store, clock and mail transport.</summary>
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
