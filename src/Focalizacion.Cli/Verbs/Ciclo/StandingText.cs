using Focalizacion.Calendar;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Presentacion;
using NodaTime;

namespace Focalizacion.Cli.Verbs.Ciclo;

/// <summary><c>ciclo estado</c> for people: one block per region, one line per milestone.</summary>
internal static class StandingText
{
    public static void Write(TextWriter output, int year, Instant now, IReadOnlyList<RegionStanding> standings)
    {
        output.WriteLine($"Estado del ciclo de Focalización Regional, año presupuestario {year} (ciclo {year - 1}), al {Spanish.LongDate(now.InZone(ChileanTime.Mainland).Date)}");
        foreach (var s in standings)
        {
            output.WriteLine();
            var waiting = s.WaitingAt.Count > 0 ? $", esperando en {string.Join(", ", s.WaitingAt)}" : "";
            output.WriteLine(s.InstanceId is { } id
                ? $"{s.Region.IsoSuffix} {s.Region.Name}: {CycleJson.StatusText(s.Status)} (instancia {id}){waiting}"
                : $"{s.Region.IsoSuffix} {s.Region.Name}: sin iniciar (use «ciclo iniciar {year}»)");
            var width = s.Milestones.Max(m => m.Milestone.Key.Length);
            foreach (var m in s.Milestones)
            {
                var deadline = m.Deadline is { } d ? $"plazo {Spanish.LongDate(d.Date)}" : "plazo: se calcula al recibir la focalización preliminar";
                output.WriteLine($"  {m.Milestone.Key.PadRight(width)}  {deadline} · {Situation(m)}");
            }
            output.WriteLine(s.Oficios.Count == 0 ? "  Oficios: ninguno" : $"  Oficios: {string.Join("; ", s.Oficios.Select(o => Oficio(o, s.Region)))}");
            output.WriteLine($"  Resultado: {(s.Outcome is { } r ? $"{r.Outcome} (registrado el {Spanish.LongDate(r.RecordedAt.InZone(s.Region.Zone).Date)})" : "aún no")}");
            output.WriteLine(s.OpenIncidents.Count == 0 ? "  Incidentes abiertos: ninguno" : $"  Incidentes abiertos: {string.Join("; ", s.OpenIncidents)}");
        }
    }

    private static string Situation(MilestoneStanding m)
    {
        if (m.DoneHow is not null)
        {
            var late = m.Late ? ", fuera de plazo" : "";
            return m.DoneOn is { } on ? $"cumplido el {Spanish.LongDate(on)} ({m.DoneHow}{late})" : $"cumplido ({m.DoneHow})";
        }
        if (m.OverdueWithoutRecord)
        {
            return m.FlaggedAtStart ? "VENCIDO SIN REGISTRO (marcado al iniciar; no se envía)" : "VENCIDO SIN REGISTRO";
        }
        return "pendiente";
    }

    private static string Oficio(Cycle.Estado.OficioStanding o, Region region)
    {
        var number = o.OficioNumber is { } n ? $"N° {n}/{o.OficioYear}" : "sin número";
        var when = o.SentAt is { } at ? $"enviado el {Spanish.LongDate(at.InZone(region.Zone).Date)}" : $"{o.State}, aún no enviado";
        return $"{number} ({o.Milestone}) {when}";
    }
}
