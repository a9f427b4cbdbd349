using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Runtime;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;
using Npgsql;

namespace Focalizacion.Cycle.Tests.Correo;

/// <summary>
/// The cycle's runtime on a fresh database with a real SMTP sink and a virtual clock, with
/// <c>un-oficio.bpmn</c> published: one instance, one oficio to the GORE, one outbox entry to follow
/// from claim to delivery. Deliveries are run by the tests themselves (no Hangfire).
/// </summary>
internal sealed class MailDelivery : IAsyncDisposable
{
    // Monday 2 March 2026, 09:00 in Chillán: inside the oficio de inicio's window for budget year 2027.
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 12, 0);

    private MailDelivery(TestDatabase database, SmtpSink sink, VirtualClock clock, EngineRuntime runtime, RecordedWakeUps wakeUps)
    {
        Database = database;
        Sink = sink;
        Clock = clock;
        Runtime = runtime;
        WakeUps = wakeUps;
    }

    public TestDatabase Database { get; }

    public SmtpSink Sink { get; }

    public VirtualClock Clock { get; }

    public EngineRuntime Runtime { get; }

    /// <summary>The outbox entries the runtime asked to deliver, in order (what Hangfire would have been told).</summary>
    public RecordedWakeUps WakeUps { get; }

    /// <param name="mail">The mail settings, pointed at the sink (timeouts scaled down by the test).</param>
    /// <param name="options">Retry and lease options; the cycle's by default.</param>
    public static async Task<MailDelivery> CreateAsync(Func<MailSettings, MailSettings>? mail = null, RuntimeOptions? options = null)
    {
        var sink = await SmtpSink.StartNewAsync();
        var database = await TestDatabase.CreateCycleAsync();
        await DirectorySeed.SeedAsync(database.Store);
        var clock = new VirtualClock(Start);
        var settings = new MailSettings { Host = "127.0.0.1", Port = sink.Port };
        settings = mail?.Invoke(settings) ?? settings;
        var wakeUps = new RecordedWakeUps();
        var runtime = CycleRuntime.Create(database.Store, clock, HolidayCalendar.RulesOnly, settings, settings.CreateTransport(), options ?? CycleRuntime.Options, wakeUps);
        var (draft, result) = await runtime.Definitions.ImportAsync(Fixtures.Read("un-oficio.bpmn"), Actor.Cli("prueba"));
        Assert.That(draft, Is.Not.Null, string.Join("; ", result.Problems));
        await runtime.Definitions.PublishAsync(draft!.Id, Actor.Cli("prueba"));
        return new MailDelivery(database, sink, clock, runtime, wakeUps);
    }

    /// <summary>Starts Ñuble's instance: its oficio is in the outbox, due now.</summary>
    public Task<Guid> StartAsync() =>
        Runtime.Instances.StartAsync("Un_Oficio", new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 2027 }, Actor.Cli("prueba"));

    public async Task<long> OutboxIdAsync() => await Database.ScalarAsync("SELECT id FROM outbox");

    public async Task<(string State, string? LastError)> OutboxAsync()
    {
        await using var command = Database.Store.DataSource.CreateCommand("SELECT state, last_error FROM outbox");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, "one outbox entry");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    public async Task<(string State, int Attempts, string? LastError)> CorreoAsync()
    {
        await using var command = Database.Store.DataSource.CreateCommand("SELECT estado, intentos, ultimo_error FROM correos");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, "one correos row");
        return (reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>
    /// Makes the test database unreachable, as a PostgreSQL restart does for the service: every
    /// connection to it is terminated and new ones are refused (<c>ALLOW_CONNECTIONS false</c>),
    /// from a connection to the server's own database, until the returned handle is disposed.
    /// </summary>
    public async Task<IAsyncDisposable> CutDatabaseAsync()
    {
        var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"ALTER DATABASE \"{Database.Name}\" ALLOW_CONNECTIONS false");
        await ExecuteAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Database.Name}' AND pid <> pg_backend_pid()");
        return new Reconnect(admin, Database.Name);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await Sink.DisposeAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Reconnect(NpgsqlConnection admin, string database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await ExecuteAsync(admin, $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
            await admin.DisposeAsync();
        }
    }

    /// <summary>Wake-ups as the runtime hands them out after each commit.</summary>
    internal sealed class RecordedWakeUps : IWakeUps
    {
        private readonly List<long> _effects = [];

        public IReadOnlyList<long> Effects
        {
            get
            {
                lock (_effects)
                {
                    return [.. _effects];
                }
            }
        }

        public void TimerScheduled(long timerRowId, Instant dueAt)
        {
        }

        public void EffectQueued(long outboxId)
        {
            lock (_effects)
            {
                _effects.Add(outboxId);
            }
        }
    }
}
