using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Focalizacion.Runtime.Tests;

/// <summary>A migrated test database, a fake clock and the runtime over them, with the fixture definition published.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 12, 0);

    private Harness(TestDatabase database, FakeClock clock, EngineRuntime runtime)
    {
        Database = database;
        Clock = clock;
        Runtime = runtime;
        Driver = new VirtualTimeDriver(clock, runtime.Timers, runtime.Outbox);
    }

    public TestDatabase Database { get; }

    public FakeClock Clock { get; }

    public EngineRuntime Runtime { get; }

    public VirtualTimeDriver Driver { get; }

    public static async Task<Harness> CreateAsync(IEnumerable<IEffectHandler>? handlers = null, RuntimeOptions? options = null, string fixture = "plazo-con-recordatorio.bpmn")
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new FakeClock(Start);
        var runtime = new EngineRuntime(database.Store, clock, HolidayCalendar.RulesOnly, handlers, options);
        var harness = new Harness(database, clock, runtime);
        await harness.PublishAsync(fixture);
        return harness;
    }

    /// <summary>A second runtime on the same database (another process, or the same one after a restart).</summary>
    public EngineRuntime AnotherRuntime(IClock clock) =>
        new(new Focalizacion.Runtime.Persistence.Store(Database.ConnectionString), clock, HolidayCalendar.RulesOnly);

    public static string Fixture(string name) => Fixtures.Read(name);

    public async Task<long> PublishAsync(string fixture)
    {
        var (draft, result) = await Runtime.Definitions.ImportAsync(Fixture(fixture), "prueba");
        Assert.That(draft, Is.Not.Null, string.Join("; ", result.Problems) + result.NotBpmnReason);
        return (await Runtime.Definitions.PublishAsync(draft!.Id, "prueba")).Id;
    }

    public Task<Guid> StartAsync(string region = "NB", int budgetYear = 2027) =>
        Runtime.Instances.StartAsync("Plazo_Con_Recordatorio", new JsonObject { ["region"] = region, ["anioPresupuestario"] = budgetYear }, "prueba");

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
