using System.Text.Json.Nodes;
using Focalizacion.Calendar;
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
    [TestCase(CycleEvent.ObservacionesEnviadas, """{"conforme":false}""", "datos.conforme: el evento «observaciones-enviadas» no lleva ese dato; lleva: observaciones")] // not a verdict
    [TestCase(CycleEvent.PreliminarRecibida, """{"conforme":true}""", "datos.conforme: el evento «focalizacion-preliminar-recibida» no lleva ese dato; lleva: focalizacion")] // only its document
    [TestCase(CycleEvent.PreliminarRecibida, """{"focalizacion":-3}""", "datos.focalizacion: debe ser el número de la versión del documento, un entero mayor que 0")]
    [TestCase(CycleEvent.FinalRecibida, "{}", "falta el campo «conforme»")] // the conformity port needs the declaration, or the document
    [TestCase(CycleEvent.FinalRecibida, """{"focalizacion":0}""", "datos.focalizacion: debe ser el número de la versión del documento, un entero mayor que 0")]
    [TestCase(CycleEvent.FinalRecibida, """{"focalizacion":"12"}""", "datos.focalizacion: debe ser el número")]
    [TestCase(CycleEvent.ObservacionesEnviadas, """{"observaciones":"falta todo"}""", "datos.observaciones: debe ser una lista de textos")]
    [TestCase(CycleEvent.ObservacionesEnviadas, """{"observaciones":["bien", "  "]}""", "datos.observaciones[1]: no puede estar vacío")]
    [TestCase(CycleEvent.ObservacionesEnviadas, """{"observaciones":["bien", 3]}""", "datos.observaciones[1]: debe ser un texto")]
    [TestCase(CycleEvent.RevisionRegistrada, """{"motivo":"revisado"}""", "datos.conforme: falta")] // a review says its verdict
    [TestCase(CycleEvent.RevisionRegistrada, """{"conforme":true,"motivo":""}""", "datos.motivo: no puede estar vacío")]
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
    public async Task Observations_and_a_reason_are_bounded_in_count_and_length()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var runtime = CycleRuntime.Create(database.Store, new VirtualClock(Instant.FromUtc(2026, 11, 20, 15, 0)), HolidayCalendar.RulesOnly, new MailSettings());
        var recorder = new CycleEventRecorder(runtime.Instances, new DeclaredConformity());
        JsonArray Many(int count, int length) => [.. Enumerable.Range(0, count).Select(_ => (JsonNode)new string('x', length))];

        var tooMany = await recorder.RecordAsync("NB", 2027, CycleEvent.ObservacionesEnviadas, new JsonObject { ["observaciones"] = Many(EventField.MaxObservations + 1, 5) }, Actor.Cli("prueba"));
        var tooLong = await recorder.RecordAsync("NB", 2027, CycleEvent.ObservacionesEnviadas, new JsonObject { ["observaciones"] = Many(3, EventField.MaxObservation + 1) }, Actor.Cli("prueba"));
        var longReason = await recorder.RecordAsync("NB", 2027, CycleEvent.RevisionRegistrada,
            new JsonObject { ["conforme"] = true, ["motivo"] = new string('x', EventField.MaxReason + 1) }, Actor.Cli("prueba"));
        var atBounds = await recorder.RecordAsync("NB", 2027, CycleEvent.ObservacionesEnviadas, new JsonObject { ["observaciones"] = Many(EventField.MaxObservations, EventField.MaxObservation) }, Actor.Cli("prueba"));

        Assert.Multiple(() =>
        {
            Assert.That(tooMany.Refusal, Is.EqualTo("datos.observaciones: tiene 51 observaciones; el máximo es 50"));
            Assert.That(tooLong.Refusal, Is.EqualTo("datos.observaciones[0]: tiene 1001 caracteres; el máximo es 1000"));
            Assert.That(longReason.Refusal, Is.EqualTo("datos.motivo: tiene 2001 caracteres; el máximo es 2000"));
            Assert.That(atBounds.BadInput, Is.False, "at the bounds the data is taken (and only the missing cycle refuses it)");
        });
    }

    [TestCase(true, false)]
    [TestCase(false, true)]
    public async Task A_review_that_overrides_the_automatic_verdict_needs_a_reason(bool automatic, bool reviewed)
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        var runtime = CycleRuntime.Create(database.Store, new VirtualClock(Instant.FromUtc(2026, 12, 20, 15, 0)), HolidayCalendar.RulesOnly, new MailSettings());
        var validator = new AutomaticVerdict(automatic);
        var recorder = new CycleEventRecorder(runtime.Instances, validator);

        var unexplained = await recorder.RecordAsync("NB", 2027, CycleEvent.RevisionRegistrada, new JsonObject { ["conforme"] = reviewed }, Actor.Cli("revisora"));
        var agreeing = await recorder.RecordAsync("NB", 2027, CycleEvent.RevisionRegistrada, new JsonObject { ["conforme"] = automatic }, Actor.Cli("revisora"));
        var explained = await recorder.RecordAsync("NB", 2027, CycleEvent.RevisionRegistrada,
            new JsonObject { ["conforme"] = reviewed, ["motivo"] = "El acta llegó por oficio aparte" }, Actor.Cli("revisora"));

        Assert.Multiple(() =>
        {
            Assert.That(unexplained.BadInput, Is.True);
            Assert.That(unexplained.Refusal, Does.StartWith("datos.motivo: falta; la revisión la declara"));
            Assert.That(unexplained.Refusal, Does.Contain($"el resultado automático fue «{(automatic ? "conforme" : "no conforme")}»"));
            // Past the port, only the missing cycle refuses them: the reason is not needed when the verdicts agree.
            Assert.That(agreeing.BadInput, Is.False, agreeing.Refusal);
            Assert.That(explained.BadInput, Is.False, explained.Refusal);
            Assert.That(validator.Asked.Select(s => (s.Region.IsoSuffix, s.BudgetYear, s.Event)).Distinct(), Is.EqualTo(new[] { ("NB", 2027, CycleEvent.RevisionRegistrada) }),
                "the port is told the region, the budget year and the event");
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

/// <summary>A conformity validator that always finds <paramref name="conforme"/>, as a document-backed one would find it in the document.</summary>
internal sealed class AutomaticVerdict(bool conforme) : IConformityValidator
{
    public List<ConformitySubmission> Asked { get; } = [];

    public Task<Result<ConformityVerdict>> ValidateAsync(ConformitySubmission submission, CancellationToken cancellationToken = default)
    {
        Asked.Add(submission);
        return Task.FromResult(Result<ConformityVerdict>.Ok(submission.Event == CycleEvent.FinalRecibida
            ? ConformityVerdict.PendingReview
            : new ConformityVerdict(conforme, conforme ? [] : ["Falta el acta del Consejo Regional"])));
    }
}
