using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Correo;
using Focalizacion.Runtime;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Cli.Tests.Engine;

/// <summary>
/// Test databases with the reminder fixture published and instances started, for CLI processes:
/// the fixture's effects are the cycle's <c>registrar-resultado</c> (one <c>focalizaciones</c> row
/// per effect), since a CLI process runs the cycle's handlers and nothing else.
/// </summary>
internal static class EngineDatabase
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 12, 0);

    public const string Fixture = "plazo-con-resultado.bpmn";

    /// <summary>Effects delivered, one row each (a redelivery of one key adds no row).</summary>
    public const string Effects = "SELECT count(*) FROM focalizaciones";

    /// <summary>Effects whose handler ran more than once (each run is preceded by a claim, which counts an attempt).</summary>
    public const string RunTwice = "SELECT count(*) FROM outbox WHERE attempts > 1";

    /// <summary>
    /// Publishes the fixture and starts <paramref name="instances"/> instances at <see cref="Start"/>;
    /// with <paramref name="deliverOficios"/> their first effects are delivered then too, so their
    /// reminder and deadline timers count from <see cref="Start"/>. The roles are granted (<see cref="CreateAsync"/>).
    /// </summary>
    public static async Task<TestDatabase> SeedAsync(int instances, bool deliverOficios = false)
    {
        var database = await CreateAsync();
        var clock = new VirtualClock(Start);
        var runtime = CycleRuntime.Create(database.Store, clock, HolidayCalendar.RulesOnly, new MailSettings());
        var (draft, result) = await runtime.Definitions.ImportAsync(Fixtures.Read(Fixture), Actor.Cli("prueba"));
        Assert.That(draft, Is.Not.Null, string.Join("; ", result.Problems));
        await runtime.Definitions.PublishAsync(draft!.Id, Actor.Cli("prueba"));
        for (int i = 0; i < instances; i++)
        {
            await runtime.Instances.StartAsync("Plazo_Con_Resultado", new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 3000 + i }, null, $"NB/{3000 + i}", Actor.Cli("prueba"));
        }
        if (deliverOficios)
        {
            await new VirtualTimeDriver(clock, runtime.Timers, runtime.Outbox).SettleAsync();
        }
        return database;
    }

    /// <summary>A cycle database with its roles granted, as the service's start-up (or <c>migrar</c>) leaves it for the CLI.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = await TestDatabase.CreateCycleAsync();
        await database.GrantRolesAsync();
        return database;
    }

    /// <summary>What a CLI process is given to work on <paramref name="database"/> (<see cref="TestDatabase.CliEnvironment"/>).</summary>
    public static Dictionary<string, string> Environment(TestDatabase database) => database.CliEnvironment();
}
