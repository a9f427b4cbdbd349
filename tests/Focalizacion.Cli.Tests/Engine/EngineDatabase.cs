using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Runtime;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Focalizacion.Cli.Tests.Engine;

/// <summary>Test databases with the reminder fixture published and instances started.</summary>
internal static class EngineDatabase
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 12, 0);

    /// <summary>
    /// Publishes the fixture and starts <paramref name="instances"/> instances at <see cref="Start"/>;
    /// with <paramref name="deliverOficios"/> their first effects are delivered then too, so their
    /// reminder and deadline timers count from <see cref="Start"/>.
    /// </summary>
    public static async Task<TestDatabase> SeedAsync(int instances, bool deliverOficios = false)
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock(Start);
        var runtime = new EngineRuntime(database.Store, clock, HolidayCalendar.RulesOnly);
        var (draft, result) = await runtime.Definitions.ImportAsync(Fixtures.Read("plazo-con-recordatorio.bpmn"), "prueba");
        Assert.That(draft, Is.Not.Null, string.Join("; ", result.Problems));
        await runtime.Definitions.PublishAsync(draft!.Id, "prueba");
        for (int i = 0; i < instances; i++)
        {
            await runtime.Instances.StartAsync("Plazo_Con_Recordatorio", new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 3000 + i }, "prueba");
        }
        if (deliverOficios)
        {
            await new VirtualTimeDriver(clock, runtime.Timers, runtime.Outbox).SettleAsync();
        }
        return database;
    }

    public static Dictionary<string, string> Environment(TestDatabase database) => new() { [CliContext.DatabaseVariable] = database.ConnectionString };
}
