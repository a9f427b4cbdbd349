using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Estado;

/// <summary>
/// A standing reads its cycle's instance and that instance's open incidents in the batch of its other records
/// (SQL, not EF Core): which instance is the region's cycle, and which incidents it shows, in what order.
/// </summary>
public sealed class CycleStandingsTests
{
    private static readonly Region Nuble = RegionRegistry.ByIsoSuffix("NB");

    [Test]
    public async Task A_standing_shows_its_cycle_s_open_incidents_oldest_first_and_not_another_workflow_s_instance_with_the_same_key()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var database = await TestDatabase.CreateCycleAsync();
        var runtime = CycleRuntime.Create(database.Store, new VirtualClock(Instant.FromUtc(2026, 12, 1, 15, 0)), HolidayCalendar.RulesOnly,
            new MailSettings { Host = "127.0.0.1", Port = sink.Port });
        await CycleBootstrap.PrepareAsync(runtime, Actor.Cli("prueba"));
        var cycle = (await new CycleStarter(runtime, HolidayCalendar.RulesOnly).StartAsync(2027, Nuble, new Dictionary<string, LocalDate>(), Actor.Cli("prueba"))).InstanceId;
        // Another process's instance with the cycle's key, newer and running: not the region's cycle, nor are its incidents.
        await database.ExecuteAsync(
            $"""
            INSERT INTO workflow_definitions (process_key, version, status, bpmn_xml, created_at, created_by) VALUES ('otro-proceso', 1, 'Published', '<x/>', now(), 'prueba');
            INSERT INTO workflow_instances (id, definition_id, status, correlation_key, state, created_at, updated_at)
                SELECT gen_random_uuid(), (SELECT id FROM workflow_definitions WHERE process_key = 'otro-proceso'), status, correlation_key, state, created_at + interval '1 day', updated_at
                FROM workflow_instances WHERE id = '{cycle}';
            INSERT INTO incidents (instance_id, token_id, node_id, reason, state, created_at) VALUES
                ('{cycle}', 't', 'nodo-a', 'primero', 'Open', now()),
                ('{cycle}', 't', 'nodo-c', 'reintentado', 'Retried', now()),
                ((SELECT id FROM workflow_instances WHERE id <> '{cycle}'), 't', 'nodo-x', 'de otro proceso', 'Open', now()),
                ('{cycle}', 't', 'nodo-b', 'segundo', 'Open', now());
            """);

        var standing = await new CycleStandings(runtime, HolidayCalendar.RulesOnly).ReadAsync(Nuble, 2027);

        Assert.That(standing.InstanceId, Is.EqualTo(cycle));
        Assert.That(standing.OpenIncidents, Is.EqualTo(new[] { "nodo-a: primero", "nodo-b: segundo" }));
    }
}
