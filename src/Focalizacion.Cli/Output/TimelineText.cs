using Focalizacion.Calendar;
using Focalizacion.Cycle.Simulation;

namespace Focalizacion.Cli.Output;

/// <summary>The simulated timeline for people: one line per thing, in each region's local time.</summary>
internal static class TimelineText
{
    public static void Write(TextWriter output, Scenario scenario, SimulationResult result)
    {
        output.WriteLine($"Simulación del ciclo de Focalización Regional, año presupuestario {scenario.BudgetYear} (ciclo {scenario.BudgetYear - 1})");
        output.WriteLine($"Regiones: {string.Join(", ", scenario.Regions.Select(r => r.IsoSuffix))} · eventos del escenario: {scenario.Events.Count}");
        output.WriteLine();
        foreach (var entry in result.Timeline)
        {
            var local = entry.At.InZone(entry.Region.Zone);
            var what = entry.Number is { } number ? $"{entry.Type} N° {number}/{entry.NumberYear}" : entry.Type;
            var to = entry.Recipients.Count > 0 ? $" → {string.Join(", ", entry.Recipients)}" : "";
            output.WriteLine($"{Spanish.LongDate(local.Date)} {local.TimeOfDay:HH:mm}  {entry.Region.IsoSuffix}  {what} · {entry.Milestone}: {entry.Detail}{to}");
        }
        output.WriteLine();
        output.WriteLine($"Mensajes entregados: {result.Emails}. Incidentes abiertos: {result.Incidents.Count}.");
    }
}
