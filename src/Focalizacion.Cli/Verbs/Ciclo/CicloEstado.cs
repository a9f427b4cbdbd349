using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Estado;
using Focalizacion.Engine.Execution;

namespace Focalizacion.Cli.Verbs.Ciclo;

/// <summary><c>ciclo estado &lt;año-presupuestario&gt;</c>: where each region's cycle stands (the audit view).</summary>
internal static class CicloEstado
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: [], flags: ["--json"], repeatable: ["--region"]);
        var year = CicloVerb.BudgetYear(parsed.SinglePositional("año-presupuestario"));
        var regions = parsed.Regions();
        var runtime = context.Runtime();
        var reader = new CycleStandings(runtime, context.LoadCalendar());
        var standings = new List<RegionStanding>();
        foreach (var region in regions)
        {
            standings.Add(await reader.ReadAsync(region, year));
        }
        if (parsed.Has("--json"))
        {
            Json.Write(context.Output, standings.Select(ToJson));
        }
        else
        {
            StandingText.Write(context.Output, year, context.Clock.GetCurrentInstant(), standings);
        }
        return Cli.Ok;
    }

    /// <summary>"en curso", "suspendida", "terminada", "cancelada"; without an instance, "sin iniciar".</summary>
    public static string StatusText(InstanceStatus? status) => status switch
    {
        InstanceStatus.Running => "en curso",
        InstanceStatus.Suspended => "suspendida",
        InstanceStatus.Completed => "terminada",
        InstanceStatus.Cancelled => "cancelada",
        _ => "sin iniciar",
    };

    private static object ToJson(RegionStanding s) => new
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
            fecha = m.Deadline is { } d ? Json.Date(d.Date) : null,
            vence = m.Deadline is { } v ? Json.Instant(v.OverdueAt) : null,
            cumplido = m.DoneHow is not null,
            cumplidoEl = m.DoneOn is { } on ? Json.Date(on) : null,
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
            enviado = o.SentAt is { } at ? Json.Instant(at.InZone(s.Region.Zone)) : null,
            asunto = o.Subject,
        }),
        resultado = s.Outcome is { } r ? new { resultado = r.Outcome, registrado = Json.Instant(r.RecordedAt.InZone(s.Region.Zone)), origen = r.Origin } : null,
        incidentes = s.OpenIncidents,
    };
}
