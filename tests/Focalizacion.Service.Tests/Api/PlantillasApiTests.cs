using System.Net;
using Focalizacion.Cycle.Plantillas;

namespace Focalizacion.Service.Tests.Api;

/// <summary><c>/api/v1/plantillas</c> on the running service: list, the template in force, an edit saved or refused with line and column, restoring the shipped one, and who may.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PlantillasApiTests : ApiServiceFixture
{

    [Test]
    public async Task An_auditor_reads_the_shipped_template_in_force()
    {
        using var response = await Api.GetAsync("/api/v1/plantillas/recordatorio", AdminApiService.Auditor);
        var template = await AdminApiService.ReadAsync(response, HttpStatusCode.OK);
        var shipped = DefaultTemplates.Find(TemplateKeys.Recordatorio)!;
        Assert.Multiple(() =>
        {
            Assert.That(template.GetProperty("clave").GetString(), Is.EqualTo("recordatorio"));
            Assert.That(template.GetProperty("asunto").GetString(), Is.EqualTo(shipped.Subject));
            Assert.That(template.GetProperty("html").GetString(), Is.EqualTo(shipped.Html));
            Assert.That(template.GetProperty("texto").GetString(), Is.EqualTo(shipped.Text));
        });
    }

    [Test]
    public async Task An_edit_is_in_force_listed_with_its_editor_until_the_shipped_one_is_restored()
    {
        using var saved = await Api.PutAsync("/api/v1/plantillas/ajuste", AdminApiService.Admin,
            """{ "asunto": "Ajuste de {{ region.nombre }}", "html": "<p>Hola {{ region.nombre }}</p>", "texto": "Hola {{ region.nombre }}" }""");
        var edit = await AdminApiService.ReadAsync(saved, HttpStatusCode.OK);
        using var shown = await Api.GetAsync("/api/v1/plantillas/ajuste", AdminApiService.Auditor);
        var inForce = await AdminApiService.ReadAsync(shown, HttpStatusCode.OK);
        using var listed = await Api.GetAsync("/api/v1/plantillas", AdminApiService.Auditor);
        var ajuste = (await AdminApiService.ReadAsync(listed, HttpStatusCode.OK)).EnumerateArray().Single(t => t.GetProperty("clave").GetString() == "ajuste");
        using var restored = await Api.SendAsync(HttpMethod.Delete, "/api/v1/plantillas/ajuste", AdminApiService.Admin);
        var back = await AdminApiService.ReadAsync(restored, HttpStatusCode.OK);
        using var relisted = await Api.GetAsync("/api/v1/plantillas", AdminApiService.Auditor);
        var list = (await AdminApiService.ReadAsync(relisted, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(edit.GetProperty("asunto").GetString(), Is.EqualTo("Ajuste de {{ region.nombre }}"));
            Assert.That(inForce.GetProperty("html").GetString(), Is.EqualTo("<p>Hola {{ region.nombre }}</p>"));
            Assert.That(ajuste.GetProperty("editada").GetBoolean(), Is.True);
            Assert.That(ajuste.GetProperty("editadaPor").GetString(), Is.EqualTo($"{AdminApiService.Admin} (api)"));
            Assert.That(back.GetProperty("asunto").GetString(), Is.EqualTo(DefaultTemplates.Find(TemplateKeys.Ajuste)!.Subject));
            Assert.That(list.Select(t => t.GetProperty("clave").GetString()), Is.EqualTo(TemplateKeys.All));
            Assert.That(list.Single(t => t.GetProperty("clave").GetString() == "ajuste").GetProperty("editada").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task A_template_that_does_not_parse_is_a_422_naming_the_part_with_line_and_column_and_nothing_changes()
    {
        using var response = await Api.PutAsync("/api/v1/plantillas/recordatorio", AdminApiService.Admin,
            """{ "asunto": "Recordatorio", "html": "<p>Hola</p>\n<p>{% if region.nombre %}sin cerrar</p>", "texto": "Hola {{ region.nombre | no_existe }}" }""");
        var problem = await AdminApiService.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        var problems = problem.GetProperty("problemas").EnumerateArray().ToDictionary(p => p.GetProperty("elemento").GetString()!, p => p.GetProperty("mensaje").GetString());
        Assert.Multiple(async () =>
        {
            Assert.That(problems.Keys, Is.EquivalentTo(new[] { "html", "texto" }));
            Assert.That(problems["html"], Does.StartWith("plantilla «recordatorio», cuerpo HTML: línea 2, columna "));
            Assert.That(problems["texto"], Is.EqualTo("plantilla «recordatorio», cuerpo de texto: no existe el filtro «no_existe»."));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM plantillas"), Is.Zero);
        });
    }

    [TestCase("ajuste", """{ "asunto": "A", "html": "<p>B</p>" }""", HttpStatusCode.BadRequest, "texto")] // a part missing
    [TestCase("ajuste", """{ "clave": "recordatorio", "asunto": "A", "html": "B", "texto": "C" }""", HttpStatusCode.BadRequest, "clave")] // another template's file
    [TestCase("ajuste", """{ "asunto": "A", "html": "B", "texto": "C", "cuerpo": "D" }""", HttpStatusCode.BadRequest, "cuerpo")] // a field templates do not have
    [TestCase("no-existe", """{ "asunto": "A", "html": "B", "texto": "C" }""", HttpStatusCode.NotFound, null)] // no such template
    public async Task A_bad_request_is_refused_naming_the_field(string key, string body, HttpStatusCode status, string? field)
    {
        using var response = await Api.PutAsync($"/api/v1/plantillas/{key}", AdminApiService.Admin, body);
        var problem = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(status), problem.Detail);
            Assert.That(problem.Field, Is.EqualTo(field));
        });
    }

    [Test]
    public async Task Only_administrators_edit_and_a_gore_reads_none()
    {
        using var auditor = await Api.PutAsync("/api/v1/plantillas/ajuste", AdminApiService.Auditor, """{ "asunto": "A", "html": "B", "texto": "C" }""");
        using var restore = await Api.SendAsync(HttpMethod.Delete, "/api/v1/plantillas/ajuste", AdminApiService.Central);
        using var gore = await Api.GetAsync("/api/v1/plantillas", AdminApiService.GoreNb);
        using var unknown = await Api.GetAsync("/api/v1/plantillas/no-existe", AdminApiService.Auditor);
        Assert.Multiple(async () =>
        {
            Assert.That(auditor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(restore.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(gore.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await AdminApiService.ProblemAsync(unknown)).Detail, Does.StartWith("clave: no existe la plantilla «no-existe»; las plantillas son: oficio-inicio"));
        });
    }
}
