using Focalizacion.Calendar;
using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Estado;
using Focalizacion.Engine.Execution;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cycle.Presentacion;

/// <summary>
/// The JSON shapes programs read, the same from the CLI (<c>--json</c>) and the HTTP API: holidays,
/// deadlines, a region's standing; ISO dates, instants with their offset, Spanish state names.
/// </summary>
public static class CycleJson
{
    private static readonly OffsetDateTimePattern InstantWithOffset =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    /// <summary>"2026-11-15".</summary>
    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>"2026-11-16T00:00:00-03:00".</summary>
    public static string Instant(ZonedDateTime moment) => InstantWithOffset.Format(moment.ToOffsetDateTime());

    public static object Holiday(Holiday h) => new
    {
        fecha = CycleJson.Date(h.Date),
        diaSemana = Spanish.WeekdayName(h.Date.DayOfWeek),
        nombre = h.Name,
        ambito = h.Scope == HolidayScope.National ? "nacional" : "regional",
        region = h.RegionIsoSuffix,
        baseLegal = h.LegalBasis,
    };

    /// <summary>"en curso", "suspendida", "terminada", "cancelada"; without an instance, "sin iniciar".</summary>
    public static string StatusText(InstanceStatus? status) => status switch
    {
        InstanceStatus.Running => "en curso",
        InstanceStatus.Suspended => "suspendida",
        InstanceStatus.Completed => "terminada",
        InstanceStatus.Cancelled => "cancelada",
        _ => "sin iniciar",
    };

    public static object Deadline(CycleDeadline d) => new
    {
        hito = d.Milestone.Key,
        descripcion = d.Milestone.Description,
        responsable = d.Milestone.Owner,
        regla = d.Milestone.Rule.ToString(),
        desde = d.WindowStart is { } window ? CycleJson.Date(window.Date) : null,
        fecha = CycleJson.Date(d.Plazo.Date),
        diaSemana = Spanish.WeekdayName(d.Plazo.Date.DayOfWeek),
        vence = CycleJson.Instant(d.Plazo.OverdueAt),
        prorroga = d.Plazo.RollForward,
        alternativa = d.Plazo.RollForwardMovesDate
            ? new
            {
                prorroga = !d.Plazo.RollForward,
                fecha = CycleJson.Date(d.Plazo.AlternativeDate),
                diaSemana = Spanish.WeekdayName(d.Plazo.AlternativeDate.DayOfWeek),
                vence = CycleJson.Instant(d.Plazo.AlternativeOverdueAt),
            }
            : null,
    };

    public static object Standing(RegionStanding s) => new
    {
        region = s.Region.IsoSuffix,
        nombre = s.Region.Name,
        instancia = s.InstanceId,
        estado = StatusText(s.Status),
        esperando = s.WaitingAt,
        hitos = s.Milestones.Select(m => new
        {
            hito = m.Milestone.Key,
            descripcion = m.Milestone.Description,
            responsable = m.Milestone.Owner,
            desde = m.WindowStart is { } w ? CycleJson.Date(w.Date) : null,
            fecha = m.Deadline is { } d ? CycleJson.Date(d.Date) : null,
            vence = m.Deadline is { } v ? CycleJson.Instant(v.OverdueAt) : null,
            cumplido = m.DoneHow is not null,
            cumplidoEl = m.DoneOn is { } on ? CycleJson.Date(on) : null,
            como = m.DoneHow,
            fueraDePlazo = m.Late,
            vencidoSinRegistro = m.OverdueWithoutRecord,
            marcadoAlIniciar = m.FlaggedAtStart,
        }),
        oficios = s.Oficios.Select(o => new
        {
            hito = o.Milestone,
            numero = o.OficioNumber,
            anio = o.OficioYear,
            estado = o.State,
            enviado = o.SentAt is { } at ? CycleJson.Instant(at.InZone(s.Region.Zone)) : null,
            asunto = o.Subject,
        }),
        resultado = s.Outcome is { } r ? new { resultado = r.Outcome, registrado = CycleJson.Instant(r.RecordedAt.InZone(s.Region.Zone)), origen = r.Origin } : null,
        incidentes = s.OpenIncidents,
    };
}
