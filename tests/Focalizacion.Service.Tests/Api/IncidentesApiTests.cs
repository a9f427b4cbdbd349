using System.Net;
using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Events;
using Focalizacion.Runtime;
using Focalizacion.Testing;
using MimeKit;
using NodaTime;
using NodaTime.Testing;

namespace Focalizacion.Service.Tests.Api;

/// <summary><c>/api/v1/incidentes</c> on the running service: real incidents (an oficio whose sending failed), listed, retried and skipped, and who may.</summary>
[TestFixture]
[NonParallelizable]
public sealed class IncidentesApiTests : ApiServiceFixture
{
    private long _toRetry;
    private long _toSkip;

    private protected override async Task StartedAsync()
    {
        _toRetry = await IncidentAsync(Api, "NB");
        _toSkip = await IncidentAsync(Api, "BI");
    }

    /// <summary>
    /// The oficio de observaciones of <paramref name="region"/>'s cycle, sent by a runtime of the
    /// test's own whose one attempt fails: an incident as an operator meets it. Its clock is hours
    /// ahead of the service's, so the oficio it queues is not yet due for the service's worker.
    /// </summary>
    internal static async Task<long> IncidentAsync(AdminApiService api, string region)
    {
        var clock = new FakeClock(AdminApiService.Start + Duration.FromHours(3));
        var runtime = CycleRuntime.Create(api.Database.Store, clock, HolidayCalendar.RulesOnly, new MailSettings(), new RefusingTransport(), CycleRuntime.Options with { MaxAttempts = 1 });
        var recorder = new CycleEventRecorder(runtime.Instances, new DeclaredConformity());
        foreach (var name in new[] { CycleEvent.PreliminarRecibida, CycleEvent.ObservacionesEnviadas })
        {
            var recorded = await recorder.RecordAsync(region, 2027, name, new JsonObject(), Actor.Cli("pruebas"));
            Assert.That(recorded.Applied, Is.True, recorded.Refusal);
        }
        var oficio = await api.Database.ScalarAsync(
            $"SELECT o.id FROM outbox o JOIN workflow_instances i ON i.id = o.instance_id WHERE i.correlation_key = '{region}/2027' AND o.node_id = 'OficioObservaciones'");
        await runtime.Outbox.DeliverAsync(oficio);
        return await api.Database.ScalarAsync($"SELECT id FROM incidents WHERE outbox_id = {oficio} AND state = 'Open'");
    }

    [Test]
    public async Task An_auditor_lists_the_open_incidents_with_their_element_and_reason()
    {
        using var response = await Api.GetAsync("/api/v1/incidentes", AdminApiService.Auditor);
        var list = await AdminApiService.ReadAsync(response, HttpStatusCode.OK);
        var nuble = list.EnumerateArray().SingleOrDefault(i => i.GetProperty("id").GetInt64() == _toRetry);
        Assert.Multiple(() =>
        {
            Assert.That(nuble.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object), list.ToString());
            Assert.That(nuble.GetProperty("elemento").GetString(), Is.EqualTo("OficioObservaciones"));
            Assert.That(nuble.GetProperty("motivo").GetString(), Does.Contain("el manejador «enviar-correo» falló 1 veces").And.Contain("el servidor no acepta"));
            Assert.That(nuble.TryGetProperty("instancia", out _), Is.True);
        });
    }

    [Test]
    public async Task Retrying_sends_the_oficio_again_through_the_service_and_a_second_retry_is_a_409_saying_who_resolved_it()
    {
        using var retried = await Api.PostAsync($"/api/v1/incidentes/{_toRetry}/reintentar", AdminApiService.Admin);
        var answer = await AdminApiService.ReadAsync(retried, HttpStatusCode.OK);
        using var again = await Api.PostAsync($"/api/v1/incidentes/{_toRetry}/reintentar", AdminApiService.Admin);
        var (status, detail, _) = await AdminApiService.ProblemAsync(again);
        var delivered = await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () =>
            await Api.Database.ScalarAsync($"SELECT count(*) FROM outbox o JOIN incidents x ON x.outbox_id = o.id WHERE x.id = {_toRetry} AND o.state = 'Delivered'") == 1);
        Assert.Multiple(async () =>
        {
            Assert.That(answer.GetProperty("resolucion").GetString(), Is.EqualTo("reintentado"));
            Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(detail, Is.EqualTo($"el incidente {_toRetry} ya fue resuelto (reintentado por {AdminApiService.Admin} (api))"));
            Assert.That(delivered, Is.True, "the service's worker delivered the oficio once it was pending again\n" + Api.Service.Output);
            Assert.That(Directory.GetFiles(Api.MailFolder, "*.eml").Select(File.ReadAllText), Has.Some.Contain("gobernador.nb@gore.ejemplo.invalid"), "to the pickup folder, never sent");
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE kind = 'incidente-reintentado' AND actor = '{AdminApiService.Admin}' AND via = 'api'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Skipping_goes_on_without_the_oficio_journaled_in_the_callers_name()
    {
        using var skipped = await Api.PostAsync($"/api/v1/incidentes/{_toSkip}/omitir", AdminApiService.Admin);
        var answer = await AdminApiService.ReadAsync(skipped, HttpStatusCode.OK);
        using var list = await Api.GetAsync("/api/v1/incidentes", AdminApiService.Admin);
        var open = (await AdminApiService.ReadAsync(list, HttpStatusCode.OK)).EnumerateArray().Select(i => i.GetProperty("id").GetInt64());
        Assert.Multiple(async () =>
        {
            Assert.That(answer.GetProperty("resolucion").GetString(), Is.EqualTo("omitido"));
            Assert.That(open, Does.Not.Contain(_toSkip));
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM outbox o JOIN incidents x ON x.outbox_id = o.id WHERE x.id = {_toSkip} AND o.state = 'Skipped'"), Is.EqualTo(1));
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE kind = 'incidente-omitido' AND actor = '{AdminApiService.Admin}' AND region = 'BI'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_unknown_incident_is_404_and_only_administrators_resolve_them()
    {
        using var missing = await Api.PostAsync("/api/v1/incidentes/999999/omitir", AdminApiService.Admin);
        using var auditor = await Api.PostAsync($"/api/v1/incidentes/{_toRetry}/reintentar", AdminApiService.Auditor);
        using var central = await Api.PostAsync($"/api/v1/incidentes/{_toSkip}/omitir", AdminApiService.Central);
        using var gore = await Api.GetAsync("/api/v1/incidentes", AdminApiService.GoreNb);
        Assert.Multiple(async () =>
        {
            Assert.That(await AdminApiService.ProblemAsync(missing), Is.EqualTo((HttpStatusCode.NotFound, "id: no hay un incidente 999999 entre los que usted puede ver", (string?)null)));
            Assert.That(auditor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(central.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(gore.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    /// <summary>A mail server that takes nothing.</summary>
    internal sealed class RefusingTransport : IMailTransport
    {
        public Task SendAsync(MimeMessage message, Func<string, Task> accepted, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("el servidor no acepta mensajes (prueba)");
    }
}
