using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests.Api;

/// <summary><c>/api/v1/definiciones</c> on the running service: list, upload, the stored file, publish and retire, and who may.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DefinicionesApiTests : ApiServiceFixture
{
    // A byte order mark and CRLF line ends: the stored file must come back byte for byte, not re-encoded.
    private static readonly byte[] Minimal = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" +
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\" targetNamespace=\"http://bpmn.io/schema/bpmn\">\r\n" +
        "  <bpmn:process id=\"Prueba_Api\" name=\"Prueba de la API (ñandú)\" isExecutable=\"true\">\r\n" +
        "    <bpmn:startEvent id=\"Inicio\" /><bpmn:endEvent id=\"Fin\" />\r\n" +
        "    <bpmn:sequenceFlow id=\"F1\" sourceRef=\"Inicio\" targetRef=\"Fin\" />\r\n" +
        "  </bpmn:process>\r\n</bpmn:definitions>\r\n")];

    private Task<HttpResponseMessage> UploadAsync(byte[] bpmn, string who, string contentType = "application/xml", string query = "")
    {
        var content = new ByteArrayContent(bpmn);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return Api.SendAsync(HttpMethod.Post, "/api/v1/definiciones" + query, who, content);
    }

    [Test]
    public async Task An_auditor_lists_the_shipped_cycle_as_published_version_1()
    {
        using var response = await Api.GetAsync("/api/v1/definiciones", AdminApiService.Auditor);
        var list = await AdminApiService.ReadAsync(response, HttpStatusCode.OK);
        var shipped = list.EnumerateArray().Single(d => d.GetProperty("clave").GetString() == "ciclo-focalizacion-regional");
        Assert.Multiple(() =>
        {
            Assert.That(shipped.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(shipped.GetProperty("estado").GetString(), Is.EqualTo("publicada"));
            Assert.That(shipped.GetProperty("creadaPor").GetString(), Is.EqualTo("servicio (servicio)"));
            Assert.That(shipped.TryGetProperty("publicada", out _), Is.True);
        });
    }

    [Test]
    public async Task An_upload_is_a_draft_whose_file_comes_back_byte_for_byte_then_published_and_retired_in_the_callers_name()
    {
        using var uploaded = await UploadAsync(Minimal, AdminApiService.Admin);
        var draft = await AdminApiService.ReadAsync(uploaded, HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt64();
        using var xml = await Api.GetAsync($"/api/v1/definiciones/{id}/xml", AdminApiService.Auditor);
        var bytes = await xml.Content.ReadAsByteArrayAsync();
        using var one = await Api.GetAsync($"/api/v1/definiciones/{id}", AdminApiService.Auditor);
        var shown = await AdminApiService.ReadAsync(one, HttpStatusCode.OK);
        using var published = await Api.PostAsync($"/api/v1/definiciones/{id}/publicar", AdminApiService.Admin);
        var version = await AdminApiService.ReadAsync(published, HttpStatusCode.OK);
        using var again = await Api.PostAsync($"/api/v1/definiciones/{id}/publicar", AdminApiService.Admin);
        var (againStatus, againDetail, _) = await AdminApiService.ProblemAsync(again);
        using var retired = await Api.PostAsync("/api/v1/definiciones/Prueba_Api/1/retirar", AdminApiService.Admin);
        var retiredRow = await AdminApiService.ReadAsync(retired, HttpStatusCode.OK);
        using var twice = await Api.PostAsync("/api/v1/definiciones/Prueba_Api/1/retirar", AdminApiService.Admin);
        Assert.Multiple(async () =>
        {
            Assert.That(uploaded.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/definiciones/{id}"));
            Assert.That(draft.GetProperty("estado").GetString(), Is.EqualTo("borrador"));
            Assert.That(draft.GetProperty("nombre").GetString(), Is.EqualTo("Prueba de la API (ñandú)"));
            Assert.That(draft.GetProperty("creadaPor").GetString(), Is.EqualTo($"{AdminApiService.Admin} (api)"));
            Assert.That(xml.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(xml.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
            Assert.That(bytes, Is.EqualTo(Minimal), "the stored file, byte order mark and line ends included");
            Assert.That(shown.GetProperty("clave").GetString(), Is.EqualTo("Prueba_Api"));
            Assert.That(version.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(version.GetProperty("estado").GetString(), Is.EqualTo("publicada"));
            Assert.That(againStatus, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(againDetail, Is.EqualTo($"la definición {id} no es un borrador (está publicada)"));
            Assert.That(retiredRow.GetProperty("estado").GetString(), Is.EqualTo("retirada"));
            Assert.That(draft.TryGetProperty("publicadaPor", out _), Is.False, "a draft was published by nobody");
            Assert.That(version.GetProperty("publicadaPor").GetString(), Is.EqualTo($"{AdminApiService.Admin} (api)"));
            Assert.That(version.TryGetProperty("retirada", out _), Is.False, "a published version is not retired");
            Assert.That(retiredRow.GetProperty("retiradaPor").GetString(), Is.EqualTo($"{AdminApiService.Admin} (api)"));
            Assert.That(retiredRow.GetProperty("publicadaPor").GetString(), Is.EqualTo($"{AdminApiService.Admin} (api)"), "retiring keeps who published");
            Assert.That(retiredRow.TryGetProperty("retirada", out _), Is.True);
            Assert.That((await AdminApiService.ProblemAsync(twice)).Status, Is.EqualTo(HttpStatusCode.Conflict), "a retired version is not retired again");
            Assert.That(await Api.Database.ScalarAsync(
                $"SELECT count(*) FROM journal WHERE actor = '{AdminApiService.Admin}' AND via = 'api' AND actor_role = 'administrador' AND kind IN ('definicion-importada', 'definicion-publicada', 'definicion-retirada')"),
                Is.EqualTo(3), "each change journaled with the caller");
        });
    }

    [Test]
    public async Task A_definition_the_engine_cannot_run_is_a_422_naming_each_element_and_nothing_is_stored()
    {
        var before = await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions");
        using var response = await UploadAsync(Fixtures.Bytes("espera-larga.bpmn"), AdminApiService.Admin, "text/xml");
        var problem = await AdminApiService.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        var problems = problem.GetProperty("problemas").EnumerateArray().ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Contenido no procesable"));
            Assert.That(problems.Select(p => p.GetProperty("elemento").GetString()), Does.Contain("Registrar"));
            Assert.That(problems.Single(p => p.GetProperty("elemento").GetString() == "Registrar").GetProperty("mensaje").GetString(), Does.Contain("«registrar»"));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions"), Is.EqualTo(before));
        });
    }

    [TestCase("application/json", "<bpmn/>", HttpStatusCode.UnsupportedMediaType, null)] // a BPMN file is XML, not JSON
    [TestCase("application/xml", "esto no es XML", HttpStatusCode.BadRequest, "cuerpo")] // unreadable: not BPMN at all
    [TestCase("application/xml", "", HttpStatusCode.BadRequest, "cuerpo")] // an empty body
    public async Task A_body_that_is_no_bpmn_file_is_refused_naming_the_body(string contentType, string body, HttpStatusCode status, string? field)
    {
        using var response = await UploadAsync(Encoding.UTF8.GetBytes(body), AdminApiService.Admin, contentType);
        var (actual, detail, named) = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(actual, Is.EqualTo(status), detail);
            Assert.That(named, Is.EqualTo(field));
        });
    }

    [Test]
    public async Task A_file_over_the_importers_limit_is_a_413_saying_the_limit()
    {
        using var response = await UploadAsync(new byte[Engine.Definitions.BpmnImporter.MaxFileBytes + 1], AdminApiService.Admin);
        var (status, detail, _) = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(detail, Is.EqualTo("cuerpo: supera el máximo de 10 MiB"));
        });
    }

    [Test]
    public async Task Unknown_definitions_and_versions_are_404()
    {
        using var missing = await Api.GetAsync("/api/v1/definiciones/999999", AdminApiService.Admin);
        using var xml = await Api.GetAsync("/api/v1/definiciones/999999/xml", AdminApiService.Admin);
        using var publish = await Api.PostAsync("/api/v1/definiciones/999999/publicar", AdminApiService.Admin);
        using var retire = await Api.PostAsync("/api/v1/definiciones/no-existe/3/retirar", AdminApiService.Admin);
        Assert.Multiple(async () =>
        {
            Assert.That((await AdminApiService.ProblemAsync(missing)).Detail, Is.EqualTo("id: no existe la definición 999999"));
            Assert.That(xml.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(publish.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await AdminApiService.ProblemAsync(retire)).Detail, Is.EqualTo("no existe la versión 3 de «no-existe»"));
        });
    }

    [Test]
    public async Task With_conProblemas_a_definition_with_problems_is_kept_as_a_draft_under_its_process_id_and_never_published()
    {
        using var uploaded = await UploadAsync(Fixtures.Bytes("espera-larga.bpmn"), AdminApiService.Admin, "text/xml", "?conProblemas=true");
        var draft = await AdminApiService.ReadAsync(uploaded, HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt64();
        var problems = draft.GetProperty("problemas").EnumerateArray().ToList();
        using var published = await Api.PostAsync($"/api/v1/definiciones/{id}/publicar", AdminApiService.Admin);
        var refused = await AdminApiService.ReadAsync(published, HttpStatusCode.UnprocessableEntity);
        Assert.Multiple(async () =>
        {
            Assert.That(draft.GetProperty("clave").GetString(), Is.EqualTo("Espera_Larga"), "the key is the bpmn:process id, read though the rest does not import");
            Assert.That(draft.GetProperty("nombre").GetString(), Is.EqualTo("Espera de diez meses"));
            Assert.That(draft.GetProperty("estado").GetString(), Is.EqualTo("borrador"));
            Assert.That(problems.Select(p => p.GetProperty("elemento").GetString()), Does.Contain("Registrar"), "the answer lists the problems it was kept with");
            Assert.That(refused.GetProperty("detail").GetString(), Is.EqualTo($"la definición {id} no se puede publicar"));
            Assert.That(refused.GetProperty("problemas").EnumerateArray().Select(p => p.GetProperty("elemento").GetString()), Does.Contain("Registrar"));
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM workflow_definitions WHERE id = {id} AND status = 'Draft' AND version IS NULL"), Is.EqualTo(1), "still a draft, never a version");
            Assert.That(await Api.Database.ScalarAsync(
                $"SELECT count(*) FROM journal WHERE kind = 'definicion-importada' AND details = 'borrador de «Espera_Larga» importado con {problems.Count} problema(s): no se puede publicar hasta corregirlos'"),
                Is.EqualTo(1));
        });
    }

    [Test]
    public async Task With_conProblemas_a_file_without_a_process_id_or_not_xml_is_still_refused_and_a_bad_flag_is_named()
    {
        var before = await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions");
        var noProcess = Encoding.UTF8.GetBytes("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\"><bpmn:process><bpmn:task id=\"T\" /></bpmn:process></bpmn:definitions>");
        using var withoutKey = await UploadAsync(noProcess, AdminApiService.Admin, query: "?conProblemas=true");
        var longKey = Encoding.UTF8.GetBytes($"<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\"><bpmn:process id=\"{new string('p', 201)}\"><bpmn:task id=\"T\" /></bpmn:process></bpmn:definitions>");
        using var tooLong = await UploadAsync(longKey, AdminApiService.Admin, query: "?conProblemas=true");
        using var notXml = await UploadAsync(Encoding.UTF8.GetBytes("esto no es XML"), AdminApiService.Admin, query: "?conProblemas=true");
        using var badFlag = await UploadAsync(Minimal, AdminApiService.Admin, query: "?conProblemas=quizas");
        Assert.Multiple(async () =>
        {
            var (status, detail, _) = await AdminApiService.ProblemAsync(withoutKey);
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(detail, Does.Contain("no tiene un bpmn:process con id"));
            Assert.That((await AdminApiService.ProblemAsync(tooLong)).Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "an id over 200 characters is no key");
            Assert.That((await AdminApiService.ProblemAsync(notXml)).Field, Is.EqualTo("cuerpo"));
            var (flagStatus, flagDetail, flagField) = await AdminApiService.ProblemAsync(badFlag);
            Assert.That(flagStatus, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(flagField, Is.EqualTo("conProblemas"));
            Assert.That(flagDetail, Is.EqualTo("conProblemas: debe ser true o false"));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions"), Is.EqualTo(before), "nothing stored");
        });
    }

    [Test]
    public async Task An_auditor_reads_but_may_not_upload_publish_or_retire_and_a_gore_may_not_even_read()
    {
        using var upload = await UploadAsync(Minimal, AdminApiService.Auditor);
        using var publish = await Api.PostAsync("/api/v1/definiciones/1/publicar", AdminApiService.Auditor);
        using var retire = await Api.PostAsync("/api/v1/definiciones/ciclo-focalizacion-regional/1/retirar", AdminApiService.Central);
        using var list = await Api.GetAsync("/api/v1/definiciones", AdminApiService.GoreNb);
        using var anonymous = await Api.GetAsync("/api/v1/definiciones", null);
        Assert.Multiple(async () =>
        {
            Assert.That((await AdminApiService.ProblemAsync(upload)).Detail, Is.EqualTo("Su rol no permite esta operación."));
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(publish.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(retire.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions WHERE process_key = 'ciclo-focalizacion-regional' AND status = 'Published'"),
                Is.EqualTo(1), "the cycle's version is still the one new cycles start with");
        });
    }
}
