using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Events;
using Focalizacion.Runtime;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Events;

/// <summary>
/// The recorder checks each event's data against its declaration for every sender (CLI, API,
/// simulation), and tells a request to correct from an event the cycle did not take.
/// </summary>
public class CycleEventRecorderTests
{
    [TestCase(CycleEvent.MontosRegistrados, """{"region":"NB"}""", "datos.region: es una variable propia de la instancia")] // the correlation
    [TestCase(CycleEvent.PresupuestoRegistrado, """{"montos":{"Capital Semilla":"mucho"}}""", "datos.montos.Capital Semilla: «\"mucho\"» no es un monto en pesos")] // an amount in words
    [TestCase(CycleEvent.ObservacionesEnviadas, """{"conforme":false}""", "datos.conforme: el evento «observaciones-enviadas» no lleva datos")] // takes none
    [TestCase(CycleEvent.FinalRecibida, "{}", "falta el campo «conforme»")] // the conformity port needs the declaration
    public async Task Data_the_event_does_not_take_is_bad_input_refused_before_any_instance_is_looked_up(string eventName, string data, string reason)
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var runtime = CycleRuntime.Create(database.Store, new VirtualClock(Instant.FromUtc(2026, 11, 20, 15, 0)), HolidayCalendar.RulesOnly, new MailSettings());
        var recorder = new CycleEventRecorder(runtime.Instances, new DeclaredConformity());

        var outcome = await recorder.RecordAsync("NB", 2027, eventName, JsonNode.Parse(data)!.AsObject(), Actor.Cli("prueba"));

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.False);
            Assert.That(outcome.BadInput, Is.True, "the sender must correct it");
            Assert.That(outcome.Refusal, Does.Contain(reason));
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM journal"), Is.Zero, "nothing journaled");
        });
    }

    [Test]
    public async Task A_well_formed_event_without_a_cycle_is_a_refusal_of_the_cycle_not_bad_input()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var runtime = CycleRuntime.Create(database.Store, new VirtualClock(Instant.FromUtc(2026, 11, 20, 15, 0)), HolidayCalendar.RulesOnly, new MailSettings());
        var recorder = new CycleEventRecorder(runtime.Instances, new DeclaredConformity());

        var outcome = await recorder.RecordAsync("NB", 2027, CycleEvent.MontosRegistrados, new JsonObject { ["montos"] = new JsonObject { ["Capital Semilla"] = 150_000_000 } }, Actor.Cli("prueba"));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Applied, Is.False);
            Assert.That(outcome.BadInput, Is.False);
            Assert.That(outcome.Refusal, Does.StartWith("no hay una instancia en curso de la región NB"));
        });
    }
}
