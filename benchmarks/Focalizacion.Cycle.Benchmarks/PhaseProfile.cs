using System.Diagnostics;
using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.VirtualTime;
using NodaTime;

namespace Focalizacion.Cycle.Benchmarks;

/// <summary>
/// Where one simulated year's time goes. The same steps as <see cref="Simulator"/>,
/// <see cref="SimulationRun"/> and <c>VirtualTimeDriver</c> (seed, publish, start, then deliver /
/// fire / jump the clock, scenario events at their instants, the closing queries), written out
/// here so each phase can have a stopwatch, and each handler a timing wrapper.
/// </summary>
internal static class PhaseProfile
{
    public static async Task<List<(string Phase, TimeSpan Time, int Calls)>> RunAsync(string server, HolidayCalendar calendar, Scenario scenario, string pickup)
    {
        var phases = new Dictionary<string, (TimeSpan Time, int Calls)>();
        async Task<T> Timed<T>(string phase, Func<Task<T>> action)
        {
            var watch = Stopwatch.StartNew();
            var result = await action();
            var (time, calls) = phases.GetValueOrDefault(phase);
            phases[phase] = (time + watch.Elapsed, calls + 1);
            return result;
        }
        Task Do(string phase, Func<Task> action) => Timed(phase, async () =>
        {
            await action();
            return 0;
        });

        await using var database = await Timed("crear y migrar la base desechable", () => ThrowawayDatabase.CreateAsync(server, "bench_perfil", [CycleRuntime.Schema]));
        var store = database.Store;
        var start = new LocalDate(scenario.BudgetYear - 1, 1, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant();
        var end = new LocalDate(scenario.BudgetYear, 2, 1).AtStartOfDayInZone(ChileanTime.Mainland).ToInstant();
        var clock = new VirtualClock(start);
        var mail = new MailSettings { PickupFolder = pickup };
        // The cycle's own module, its handlers wrapped to time them.
        var module = CycleRuntime.Module(store, clock, calendar, mail, mail.CreateTransport());
        var runtime = new EngineRuntime(store, clock, module with { Handlers = [.. module.Handlers.Select(h => (IEffectHandler)new TimedHandler(h, Timed))] }, CycleRuntime.Options);
        var records = new CycleRecords(store);
        await Do("preparar: directorio, flujo publicado, focalizaciones anteriores, 16 inicios", async () =>
        {
            await CycleBootstrap.PrepareAsync(runtime, Actor.Simulation);
            foreach (var region in scenario.WithPreviousFocalizacion)
            {
                await records.RecordOutcomeAsync(region.IsoSuffix, scenario.BudgetYear - 1, CycleOutcomes.Final, start, "escenario");
            }
            var starter = new CycleStarter(runtime, calendar);
            foreach (var region in scenario.Regions)
            {
                await starter.StartAsync(scenario.BudgetYear, region, new Dictionary<string, LocalDate>(), Actor.Simulation);
            }
        });
        var recorder = new CycleEventRecorder(runtime.Instances, new DeclaredConformity());

        async Task Settle()
        {
            while (await Timed("bandeja de salida: reclamar, registrar, paso del motor (sin manejadores)", () => runtime.Outbox.DeliverDueAsync())
                + await Timed("temporizadores: disparar vencidos (paso del motor)", () => runtime.Timers.FireDueAsync()) > 0)
            {
            }
        }
        async Task RunUntil(Instant until)
        {
            while (true)
            {
                await Settle();
                var nextTimer = await Timed("reloj virtual: próximo temporizador", () => runtime.Timers.NextDueAsync());
                var nextAttempt = await Timed("reloj virtual: próximo intento de la bandeja", () => runtime.Outbox.NextAttemptAsync());
                Instant? next = nextTimer is null ? nextAttempt : nextAttempt is null ? nextTimer : (nextTimer < nextAttempt ? nextTimer : nextAttempt);
                if (next is null || next > until || next <= clock.GetCurrentInstant())
                {
                    break;
                }
                clock.AdvanceTo(next.Value);
            }
            if (until > clock.GetCurrentInstant())
            {
                clock.AdvanceTo(until);
            }
        }
        foreach (var scenarioEvent in scenario.Events)
        {
            await RunUntil(scenarioEvent.At);
            await Timed("eventos del escenario (paso del motor)", () =>
                recorder.RecordAsync(scenarioEvent.Region.IsoSuffix, scenario.BudgetYear, scenarioEvent.Event, scenarioEvent.Data, Actor.Simulation));
            await Settle();
        }
        await RunUntil(end);
        await Do("cierre: correos y resultados para la línea de tiempo", async () =>
        {
            await records.MailsAsync(budgetYear: scenario.BudgetYear);
            await records.OutcomesAsync();
        });

        // The handler wrapper's time includes the outbox's; subtract it so the rows add up.
        var handlerTime = phases.Where(p => p.Key.StartsWith("manejador", StringComparison.Ordinal)).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Value.Time);
        var outboxKey = "bandeja de salida: reclamar, registrar, paso del motor (sin manejadores)";
        phases[outboxKey] = (phases[outboxKey].Time - handlerTime, phases[outboxKey].Calls);
        return [.. phases.Select(p => (p.Key, p.Value.Time, p.Value.Calls)).OrderByDescending(p => p.Time)];
    }

    /// <summary>The Fluid parse of every shipped template's three parts, which <c>enviar-correo</c> does on each message.</summary>
    public static TimeSpan ParseAllTemplates(int times)
    {
        var templates = TemplateKeys.All.Select(k => DefaultTemplates.Find(k)!).ToList();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < times; i++)
        {
            foreach (var template in templates)
            {
                if (TemplateRenderer.Validate(template).Count > 0)
                {
                    throw new InvalidOperationException(template.Key);
                }
            }
        }
        return watch.Elapsed / (times * templates.Count);
    }

    private sealed class TimedHandler(IEffectHandler inner, Func<string, Func<Task<JsonObject?>>, Task<JsonObject?>> timed) : IEffectHandler
    {
        public string Name => inner.Name;

        public IReadOnlyList<Focalizacion.Engine.Definitions.Settings.SettingSpec> Settings => inner.Settings;

        public Task<JsonObject?> HandleAsync(EffectRequest request, CancellationToken cancellationToken) =>
            timed($"manejador «{inner.Name}»", () => inner.HandleAsync(request, cancellationToken));
    }
}
