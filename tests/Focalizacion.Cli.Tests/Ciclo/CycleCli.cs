using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Cli.Tests.Ciclo;

/// <summary>A fresh database (its roles granted, as the service's start-up leaves it) and a fixed clock, and the CLI run in this process against them.</summary>
internal sealed class CycleCli : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private CycleCli(TestDatabase database, VirtualClock clock)
    {
        _database = database;
        Clock = clock;
    }

    /// <summary>20 November 2026, 12:00 in Santiago: the 2027 cycle is past the preliminary's deadline.</summary>
    public static readonly Instant November2026 = Instant.FromUtc(2026, 11, 20, 15, 0);

    public VirtualClock Clock { get; }

    public TestDatabase Database => _database;

    public static async Task<CycleCli> CreateAsync(Instant now) => new(await Engine.EngineDatabase.CreateAsync(), new VirtualClock(now));

    /// <summary>A database that <c>ciclo preparar</c> already prepared.</summary>
    public static async Task<CycleCli> PreparedAsync(Instant now)
    {
        var cli = await CreateAsync(now);
        var prepared = await cli.RunAsync("ciclo", "preparar");
        Assert.That(prepared.ExitCode, Is.Zero, prepared.Error);
        return cli;
    }

    /// <summary>The CLI's context on this database, each role's connection string on it.</summary>
    public CliContext Context(TextWriter output, TextWriter error) => new(output, error, CalendarData.Load,
        new CliDatabases(Ok(_database.ConnectionString), Ok(_database.MotorConnectionString), Ok(_database.ApiConnectionString)), Clock);

    private static Focalizacion.Calendar.Result<string> Ok(string connectionString) => Focalizacion.Calendar.Result<string>.Ok(connectionString);

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Cli.RunAsync(args, Context(output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Another workflow than the cycle (process <c>Otro_Flujo</c>), waiting for a message with the
    /// cycle's preliminary's name: its instances may carry a cycle's correlation key.
    /// </summary>
    public const string OtherWorkflow = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Otro" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="Mensaje" name="focalizacion-preliminar-recibida" />
          <bpmn:process id="Otro_Flujo" name="Otro flujo" isExecutable="true">
            <bpmn:startEvent id="Inicio" />
            <bpmn:receiveTask id="Esperar" name="Esperar la preliminar" messageRef="Mensaje" />
            <bpmn:endEvent id="Fin" />
            <bpmn:sequenceFlow id="F1" sourceRef="Inicio" targetRef="Esperar" />
            <bpmn:sequenceFlow id="F2" sourceRef="Esperar" targetRef="Fin" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Publishes <see cref="OtherWorkflow"/> and starts one instance of it for <paramref name="region"/> and <paramref name="budgetYear"/>, with the CLI.</summary>
    public async Task<Guid> StartOtherWorkflowAsync(string region, int budgetYear)
    {
        var runtime = Context(TextWriter.Null, TextWriter.Null).Runtime();
        var (draft, result) = await runtime.Definitions.ImportAsync(System.Text.Encoding.UTF8.GetBytes(OtherWorkflow), Runtime.Actor.Cli("prueba"));
        Assert.That(draft, Is.Not.Null, string.Join("; ", result.Problems));
        await runtime.Definitions.PublishAsync(draft!.Id, Runtime.Actor.Cli("prueba"));
        var started = await RunAsync("instancia", "iniciar", "Otro_Flujo", "--region", region, "--anio", budgetYear.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.That(started.ExitCode, Is.Zero, started.Error);
        return started.Json().GetProperty("id").GetGuid();
    }

    /// <summary>Fires the due timers and delivers the due effects, as the worker would now.</summary>
    public async Task RunDueWorkAsync()
    {
        var runtime = Context(TextWriter.Null, TextWriter.Null).Runtime();
        await new VirtualTimeDriver(Clock, runtime.Timers, runtime.Outbox).SettleAsync();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
