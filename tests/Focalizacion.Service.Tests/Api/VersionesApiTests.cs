using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Focalizacion.Cycle.Workflow;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// A version's live side on the running service (mid-cycle 2027, the 16 regions waiting for the montos
/// preliminares): its running instances, the comparison with a new version, a dry run and a real
/// migration of one region's cycle whose deadline the new version moved, and the live map.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class VersionesApiTests : ApiServiceFixture
{
    /// <summary>The shipped cycle with the montos preliminares due on 10 December instead of the first business day.</summary>
    private static byte[] LaterMontos => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ShippedWorkflow.Bpmn.Span).Replace(
        "language=\"plazo\">primer día hábil de diciembre<", "language=\"plazo\">10 de diciembre<", StringComparison.Ordinal));

    private async Task<long> PublishLaterMontosAsync()
    {
        var content = new ByteArrayContent(LaterMontos);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var uploaded = await Api.SendAsync(HttpMethod.Post, "/api/v1/definiciones", AdminApiService.Admin, content);
        var id = (await AdminApiService.ReadAsync(uploaded, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        using var published = await Api.PostAsync($"/api/v1/definiciones/{id}/publicar", AdminApiService.Admin);
        await AdminApiService.ReadAsync(published, HttpStatusCode.OK);
        return id;
    }

    private async Task<JsonElement> MigrateAsync(string body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Api.PostAsync("/api/v1/definiciones/1/migraciones", AdminApiService.Admin, body);
        return await AdminApiService.ReadAsync(response, expected);
    }

    [Test]
    public async Task A_new_versions_deadline_is_compared_dry_run_then_migrated_for_one_region_journaled_and_mapped()
    {
        using var listed = await Api.GetAsync("/api/v1/definiciones/1/instancias", AdminApiService.Admin);
        var running = (await AdminApiService.ReadAsync(listed, HttpStatusCode.OK)).GetProperty("instancias").EnumerateArray().ToList();
        var nuble = running.Single(i => i.GetProperty("region").GetString() == "NB");
        var target = await PublishLaterMontosAsync();

        using var compared = await Api.GetAsync($"/api/v1/definiciones/{target}/comparacion", AdminApiService.Admin);
        var comparison = await AdminApiService.ReadAsync(compared, HttpStatusCode.OK);
        using var withFirst = await Api.GetAsync($"/api/v1/definiciones/{target}/comparacion?con=1", AdminApiService.Admin);
        var changes = (await AdminApiService.ReadAsync(withFirst, HttpStatusCode.OK)).GetProperty("cambios").EnumerateArray().ToList();

        // The timers a migration to the target would reschedule (its changed VenceMontos), with their due instants: the
        // service's worker may meanwhile fire other, due timers (reminders) of these instances.
        var ids = string.Join(", ", running.Select(i => $"'{i.GetProperty("id").GetString()}'"));
        var pendingTimers = $"SELECT count(*) * 100000000000 + coalesce(sum(extract(epoch FROM due_at))::bigint % 100000000000, 0) FROM timers WHERE state = 'Pending' AND node_id = 'VenceMontos' AND instance_id IN ({ids})";
        var timersBefore = await Api.Database.ScalarAsync(pendingTimers);
        var dryRun = await MigrateAsync("{\"anio\": 2027}");
        var planned = dryRun.GetProperty("instancias").EnumerateArray().ToList();
        var timersAfter = await Api.Database.ScalarAsync(pendingTimers);

        var migrated = await MigrateAsync($"{{\"instancias\": [\"{nuble.GetProperty("id").GetString()}\"], \"ensayo\": false}}");
        var moved = migrated.GetProperty("instancias").EnumerateArray().Single();
        using var mapped = await Api.GetAsync("/api/v1/definiciones/1/mapa?anio=2027", AdminApiService.Admin);
        var map = await AdminApiService.ReadAsync(mapped, HttpStatusCode.OK);
        using var mappedTarget = await Api.GetAsync($"/api/v1/definiciones/{target}/mapa?anio=2027", AdminApiService.Admin);
        var targetMap = await AdminApiService.ReadAsync(mappedTarget, HttpStatusCode.OK);
        using var otherYear = await Api.GetAsync("/api/v1/definiciones/1/mapa?anio=2028", AdminApiService.Admin);
        var emptyMap = await AdminApiService.ReadAsync(otherYear, HttpStatusCode.OK);

        Assert.Multiple(async () =>
        {
            Assert.That(running, Has.Count.EqualTo(16), "every region's 2027 cycle runs version 1");
            Assert.That(nuble.GetProperty("anio").GetInt32(), Is.EqualTo(2027));
            Assert.That(nuble.GetProperty("esperas").EnumerateArray().Select(w => w.GetProperty("nodo").GetString()), Does.Contain("EsperaMontos"));

            Assert.That(comparison.GetProperty("antes").GetProperty("version").GetInt32(), Is.EqualTo(2), "by default, against the current published version (itself, now)");
            Assert.That(changes.Select(c => (c.GetProperty("elemento").GetString(), c.GetProperty("ajuste").GetString(), c.GetProperty("antes").GetString(), c.GetProperty("despues").GetString())),
                Is.EqualTo(new[] { ("VenceMontos", "temporizador", "primer día hábil de diciembre", "10 de diciembre") }));

            Assert.That(dryRun.GetProperty("ensayo").GetBoolean(), Is.True, "a dry run unless told otherwise");
            Assert.That(planned, Has.Count.EqualTo(16));
            Assert.That(planned.Select(p => p.GetProperty("resultado").GetString()), Is.All.EqualTo("se migraría"));
            Assert.That(planned[0].GetProperty("esperas").EnumerateArray().Select(w => w.GetProperty("enDestino").GetBoolean()), Is.All.True);
            Assert.That(planned[0].GetProperty("cambios").EnumerateArray().Select(c => c.GetString()), Has.Some.Contains("VenceMontos").And.Some.Contains("«10 de diciembre» vence"));
            Assert.That(timersAfter, Is.EqualTo(timersBefore), "the dry run scheduled and cancelled nothing");

            Assert.That(moved.GetProperty("resultado").GetString(), Is.EqualTo("migrada"));
            Assert.That(await Api.Database.ScalarAsync($"SELECT definition_id FROM workflow_instances WHERE id = '{nuble.GetProperty("id").GetString()}'"), Is.EqualTo(target));
            Assert.That(await Api.Database.ScalarAsync(
                $"SELECT count(*) FROM timers WHERE instance_id = '{nuble.GetProperty("id").GetString()}' AND node_id = 'VenceMontos' AND state = 'Pending' AND due_at = '2026-12-11T03:00:00Z'"),
                Is.EqualTo(1), "Ñuble's montos now fall due at the end of 10 December");
            Assert.That(await Api.Database.ScalarAsync(
                $"SELECT count(*) FROM journal WHERE instance_id = '{nuble.GetProperty("id").GetString()}' AND kind = 'instancia-migrada' AND actor = '{AdminApiService.Admin}' AND via = 'api' AND actor_role = 'administrador'"),
                Is.EqualTo(1));
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = '{nuble.GetProperty("id").GetString()}' AND kind = 'temporizador-reprogramado' AND activity = 'VenceMontos'"),
                Is.EqualTo(1));

            var montos = map.GetProperty("nodos").EnumerateArray().Single(n => n.GetProperty("nodo").GetString() == "EsperaMontos");
            Assert.That(montos.GetProperty("esperan").GetInt32(), Is.EqualTo(15), "Ñuble moved to version 2");
            Assert.That(montos.GetProperty("regiones").EnumerateArray().Select(r => r.GetProperty("codigo").GetString()), Does.Not.Contain("NB").And.Contain("BI"));
            Assert.That(map.GetProperty("flujos").EnumerateArray().Select(f => f.GetProperty("flujo").GetString()), Does.Contain("F_Montos_Esperar"), "every region passed into the wait for the montos");
            Assert.That(targetMap.GetProperty("nodos").EnumerateArray().Single(n => n.GetProperty("nodo").GetString() == "EsperaMontos").GetProperty("esperan").GetInt32(), Is.EqualTo(1));
            Assert.That(emptyMap.GetProperty("instancias").GetInt32(), Is.Zero);
        });
    }

    [TestCase("{}", "instancias")] // neither instances nor a year
    [TestCase("{\"anio\": 2027, \"instancias\": []}", "instancias")] // both
    [TestCase("{\"instancias\": []}", "instancias")] // none named
    [TestCase("{\"instancias\": [\"no-es-un-id\"]}", "instancias[0]")] // not an instance id
    [TestCase("{\"anio\": 1990}", "anio")] // outside the calendar
    [TestCase("{\"anio\": 2027, \"destino\": 999999}", "destino")] // no such definition
    [TestCase("{\"anio\": 2027, \"ensayo\": \"no\"}", "ensayo")] // not a boolean
    public async Task A_bad_migration_request_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        const string Journaled = "SELECT count(*) FROM journal WHERE kind IN ('instancia-migrada', 'temporizador-reprogramado', 'evento-rechazado')";
        var before = await Api.Database.ScalarAsync(Journaled);
        using var response = await Api.PostAsync("/api/v1/definiciones/1/migraciones", AdminApiService.Admin, body);
        var (status, detail, named) = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), detail);
            Assert.That(named, Is.EqualTo(field), detail);
            Assert.That(await Api.Database.ScalarAsync(Journaled), Is.EqualTo(before), "nothing was migrated nor refused");
        });
    }

    [Test]
    public async Task Migrating_to_an_older_or_the_same_version_is_refused()
    {
        var answer = await MigrateAsync("{\"anio\": 2027, \"destino\": 1}", HttpStatusCode.Conflict);
        Assert.That(answer.GetProperty("detail").GetString(), Is.EqualTo("destino: la versión 1 no es más nueva que la versión 1"));
    }
}
