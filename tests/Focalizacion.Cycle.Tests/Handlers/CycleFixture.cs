using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Focalizacion.Cycle.Tests.Handlers;

/// <summary>A migrated database with the placeholder directory, a fake clock and the cycle's handlers over a given mail setup.</summary>
internal sealed class CycleFixture : IAsyncDisposable
{
    private CycleFixture(TestDatabase database, FakeClock clock, MailSettings mail)
    {
        Database = database;
        Clock = clock;
        Mail = mail;
        Handlers = CycleHandlers.Create(database.Store, clock, HolidayCalendar.RulesOnly, mail, mail.CreateTransport());
        Records = new CycleRecords(database.Store);
    }

    public TestDatabase Database { get; }

    public FakeClock Clock { get; }

    public MailSettings Mail { get; }

    public IReadOnlyList<IEffectHandler> Handlers { get; }

    public CycleRecords Records { get; }

    public static async Task<CycleFixture> CreateAsync(MailSettings mail, Instant now)
    {
        var database = await TestDatabase.CreateCycleAsync();
        await DirectorySeed.SeedAsync(database.Store);
        return new CycleFixture(database, new FakeClock(now), mail);
    }

    public IEffectHandler Handler(string name) => Handlers.Single(h => h.Name == name);

    /// <summary>The shipped cycle workflow, as the definition an effect's instance is pinned to, checked with the cycle's own catalog.</summary>
    public static WorkflowDefinition Shipped { get; } = ImportShipped();

    private static WorkflowDefinition ImportShipped()
    {
        var mail = new MailSettings();
        var catalog = CycleRuntime.Module(new Runtime.Persistence.Store(TestDatabase.ServerConnectionString), NodaTime.SystemClock.Instance, HolidayCalendar.RulesOnly, mail, mail.CreateTransport()).Catalog();
        var result = BpmnImporter.Import(ShippedWorkflow.Bpmn.ToArray(), catalog);
        return result.Definition ?? throw new InvalidOperationException(string.Join("; ", result.Problems));
    }

    public static EffectRequest Request(
        string key, IReadOnlyDictionary<string, string> settings, JsonObject? variables = null, int attempt = 1, WorkflowDefinition? definition = null) =>
        new(key, Guid.Parse("11111111-2222-3333-4444-555555555555"), "Tarea", settings,
            variables ?? new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 2027 }, attempt, definition ?? Shipped);

    public static Dictionary<string, string> OficioInicio() => new()
    {
        ["tipo"] = "oficio",
        ["hito"] = "oficio-inicio",
        ["plantilla"] = "oficio-inicio",
        ["destinatarios"] = "gore-gobernador, gore-contraparte sercotec-director-regional",
        ["emisor"] = "gerencia-general",
    };

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
