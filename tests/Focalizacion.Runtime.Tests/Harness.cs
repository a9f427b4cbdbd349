using System.Text.Json.Nodes;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Runtime.Tests;

/// <summary>A migrated test database, a fake clock and the runtime over them, with the fixture definition published.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 12, 0);

    private Harness(TestDatabase database, VirtualClock clock, EngineRuntime runtime)
    {
        Database = database;
        Clock = clock;
        Runtime = runtime;
        Driver = new VirtualTimeDriver(clock, runtime.Timers, runtime.Outbox);
    }

    public TestDatabase Database { get; }

    public VirtualClock Clock { get; }

    public EngineRuntime Runtime { get; }

    public VirtualTimeDriver Driver { get; }

    public static async Task<Harness> CreateAsync(IEnumerable<IEffectHandler>? handlers = null, RuntimeOptions? options = null, string fixture = "plazo-con-recordatorio.bpmn")
    {
        var database = await TestDatabase.CreateAsync();
        var clock = new VirtualClock(Start);
        var runtime = new EngineRuntime(database.Store, clock, TestModule.Create(database.Store, clock, handlers), options);
        var harness = new Harness(database, clock, runtime);
        await harness.PublishAsync(fixture);
        return harness;
    }

    /// <summary>A second runtime on the same database (another process, or the same one after a restart).</summary>
    public EngineRuntime AnotherRuntime(IClock clock)
    {
        var store = new Focalizacion.Runtime.Persistence.Store(Database.ConnectionString);
        return new(store, clock, TestModule.Create(store, clock));
    }

    public static string Fixture(string name) => Fixtures.Read(name);

    public async Task<long> PublishAsync(string fixture)
    {
        var (draft, result) = await Runtime.Definitions.ImportAsync(Fixture(fixture), Actor.Cli("prueba"));
        Assert.That(draft, Is.Not.Null, string.Join("; ", result.Problems) + result.NotBpmnReason);
        return (await Runtime.Definitions.PublishAsync(draft!.Id, Actor.Cli("prueba"))).Id;
    }

    /// <summary>Starts the fixture for a region and budget year, found later by the correlation key <see cref="Key"/>.</summary>
    public Task<Guid> StartAsync(string region = "NB", int budgetYear = 2027) =>
        Runtime.Instances.StartAsync("Plazo_Con_Recordatorio", new JsonObject { ["region"] = region, ["anioPresupuestario"] = budgetYear }, null, Key(region, budgetYear), Actor.Cli("prueba"));

    public static string Key(string region, int budgetYear) => $"{region}/{budgetYear}";

    /// <summary>Sends a message by correlation key, as the cycle does by region and budget year.</summary>
    public Task<StepOutcome> SendAsync(string region, int budgetYear, string message, JsonObject? payload, string actor) =>
        Runtime.Instances.SendMessageAsync(Key(region, budgetYear), message, payload, Actor.Cli(actor), $"no hay una instancia en curso de {Key(region, budgetYear)}");

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
