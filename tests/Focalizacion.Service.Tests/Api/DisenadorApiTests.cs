using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests.Api;

/// <summary><c>/api/v1/disenador</c> on the running service: the settings the designer offers, validation as you edit, and a timer's dates.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DisenadorApiTests : ApiServiceFixture
{
    private static readonly string Shipped = Encoding.UTF8.GetString(ShippedWorkflow.Bpmn.Span);

    private Task<HttpResponseMessage> ValidateAsync(string xml, string contentType = "application/xml")
    {
        var content = new StringContent(xml, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return Api.SendAsync(HttpMethod.Post, "/api/v1/disenador/validar", AdminApiService.Admin, content);
    }

    private Task<HttpResponseMessage> PlazoAsync(string xml, string element, string region = "NB", int year = 2027, object? events = null)
    {
        var body = new JsonObject { ["xml"] = xml, ["elemento"] = element, ["region"] = region, ["anio"] = year };
        if (events is not null)
        {
            body["eventos"] = JsonSerializer.SerializeToNode(events);
        }
        return Api.PostAsync("/api/v1/disenador/plazo", AdminApiService.Admin, body.ToJsonString());
    }

    private static JsonElement Setting(JsonElement handler, string name) =>
        handler.GetProperty("ajustes").EnumerateArray().Single(a => a.GetProperty("nombre").GetString() == name);

    [Test]
    public async Task The_settings_come_from_the_catalog_with_the_elements_the_engine_runs_and_the_16_regions()
    {
        using var response = await Api.GetAsync("/api/v1/disenador/ajustes", AdminApiService.Admin);
        var settings = await AdminApiService.ReadAsync(response, HttpStatusCode.OK);
        var committed = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("workflows", "focalizacion.moddle.json")));
        var mail = settings.GetProperty("manejadores").EnumerateArray().Single(h => h.GetProperty("nombre").GetString() == "enviar-correo");
        var nodeSettings = settings.GetProperty("ajustesDeNodo").EnumerateArray()
            .Select(s => (s.GetProperty("aplicaA").GetString(), s.GetProperty("ajuste").GetProperty("nombre").GetString())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(settings.GetProperty("moddle").GetRawText()), committed), Is.True, "the descriptor is the committed file");
            Assert.That(settings.GetProperty("elementos").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[]
            {
                "bpmn:StartEvent", "bpmn:EndEvent", "bpmn:ServiceTask", "bpmn:UserTask", "bpmn:ReceiveTask", "bpmn:IntermediateCatchEvent",
                "bpmn:BoundaryEvent", "bpmn:ExclusiveGateway", "bpmn:ParallelGateway", "bpmn:SequenceFlow",
            }));
            Assert.That(settings.GetProperty("manejadores").EnumerateArray().Select(h => h.GetProperty("nombre").GetString()),
                Is.EqualTo(new[] { "buscar-focalizacion-anterior", "enviar-correo", "registrar-resultado" }));
            var type = Setting(mail, "tipo");
            Assert.That(type.GetProperty("descripcion").GetString(), Is.EqualTo("el tipo de correo"));
            Assert.That(type.GetProperty("requerido").GetBoolean(), Is.True);
            Assert.That(type.GetProperty("valores").EnumerateArray().Select(v => v.GetString()), Is.EqualTo(new[] { "oficio", "recordatorio", "aviso" }));
            Assert.That(type.GetProperty("lista").GetBoolean(), Is.False);
            Assert.That(type.GetProperty("soloSi").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Setting(mail, "destinatarios").GetProperty("lista").GetBoolean(), Is.True);
            Assert.That(Setting(mail, "emisor").GetProperty("soloSi").GetRawText(), Is.EqualTo("""{"ajuste":"tipo","valor":"oficio"}"""));
            Assert.That(Setting(mail, "hito").GetProperty("admitePlazos").GetBoolean(), Is.True);
            Assert.That(Setting(mail, "hito").GetProperty("valores").EnumerateArray().Select(v => v.GetString()), Does.Contain("oficio-inicio"));
            Assert.That(Setting(mail, "plazo").GetProperty("valores").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Setting(mail, "plazo").GetProperty("admitePlazos").GetBoolean(), Is.True);
            Assert.That(Setting(mail, "plantilla").GetProperty("admitePlazos").GetBoolean(), Is.False);
            Assert.That(nodeSettings, Is.EqualTo(new (string?, string?)[]
            {
                ("temporizador", "plazo"), ("temporizador", "ventana"), ("tarea-recepcion", "responsable"), ("tarea-recepcion", "hito"),
            }));
            Assert.That(settings.GetProperty("ajustesDeNodo")[0].GetProperty("nodos").GetString(), Is.EqualTo("temporizadores"));
            var regions = settings.GetProperty("regiones").EnumerateArray().ToList();
            Assert.That(regions, Has.Count.EqualTo(16));
            Assert.That(regions.Single(r => r.GetProperty("codigo").GetString() == "NB").GetProperty("nombre").GetString(), Is.EqualTo("Ñuble"));
        });
    }

    [Test]
    public async Task Validation_gives_the_import_problems_per_element_and_the_named_plazos_and_stores_nothing()
    {
        var definitions = await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions");
        using var clean = await ValidateAsync(Shipped);
        var cleanResult = await AdminApiService.ReadAsync(clean, HttpStatusCode.OK);
        using var edited = await ValidateAsync(Shipped.Replace("foc:tipo=\"oficio\" foc:hito=\"ajuste\"", "foc:tipo=\"ofisio\" foc:hito=\"ajuste\"", StringComparison.Ordinal));
        var editedResult = await AdminApiService.ReadAsync(edited, HttpStatusCode.OK);
        using var notBpmn = await ValidateAsync("<html><body>hola</body></html>");
        var notBpmnResult = await AdminApiService.ReadAsync(notBpmn, HttpStatusCode.OK);
        using var json = await ValidateAsync(Shipped, "application/json");
        Assert.Multiple(async () =>
        {
            Assert.That(cleanResult.GetProperty("esBpmn").GetBoolean(), Is.True);
            Assert.That(cleanResult.GetProperty("problemas").GetArrayLength(), Is.Zero);
            Assert.That(cleanResult.GetProperty("plazos").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[]
            {
                "oficio-inicio", "presupuesto-exploratorio", "focalizacion-preliminar", "observaciones-sercotec", "montos-preliminares", "focalizacion-final",
            }));
            var problem = editedResult.GetProperty("problemas").EnumerateArray().Single();
            Assert.That(problem.GetProperty("elemento").GetString(), Is.EqualTo("OficioAjuste"));
            Assert.That(problem.GetProperty("mensaje").GetString(), Is.EqualTo("foc:tipo: «ofisio» no es un valor válido; los valores posibles son: oficio, recordatorio, aviso"));
            Assert.That(notBpmnResult.GetProperty("esBpmn").GetBoolean(), Is.False);
            Assert.That(notBpmnResult.GetProperty("motivo").GetString(), Is.EqualTo("el elemento raíz es «html» y no bpmn:definitions: no es un archivo BPMN 2.0"));
            Assert.That(notBpmnResult.GetProperty("problemas").GetArrayLength(), Is.Zero);
            Assert.That((await AdminApiService.ProblemAsync(json)).Status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions"), Is.EqualTo(definitions), "validating stores nothing");
        });
    }

    [Test]
    public async Task The_finals_deadline_in_Nuble_is_the_30th_of_December_overdue_at_midnight_in_its_offset()
    {
        using var response = await PlazoAsync(Shipped, "VenceFinal");
        var plazo = await AdminApiService.ReadAsync(response, HttpStatusCode.OK);
        var date = plazo.GetProperty("fechas").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(plazo.GetProperty("elemento").GetString(), Is.EqualTo("VenceFinal"));
            Assert.That(plazo.GetProperty("region").GetString(), Is.EqualTo("NB"));
            Assert.That(plazo.GetProperty("anio").GetInt32(), Is.EqualTo(2027));
            Assert.That(plazo.GetProperty("texto").GetString(), Is.EqualTo("Ñuble, año presupuestario 2027: miércoles 30 de diciembre de 2026; vence 31-12-2026 00:00 (−03:00)"));
            Assert.That(date.GetProperty("fecha").GetString(), Is.EqualTo("2026-12-30"));
            Assert.That(date.GetProperty("vence").GetString(), Is.EqualTo("2026-12-31T00:00:00-03:00"));
            Assert.That(date.GetProperty("texto").GetString(), Is.EqualTo("miércoles 30 de diciembre de 2026; vence 31-12-2026 00:00 (−03:00)"));
        });
    }

    [Test]
    public async Task A_winter_deadline_shows_each_regions_own_offset_and_an_edited_rule_counts_even_in_a_file_with_problems()
    {
        using var nuble = await PlazoAsync(Shipped, "VencePresupuesto");
        using var magallanes = await PlazoAsync(Shipped, "VencePresupuesto", region: "MA");
        // The edit the designer sends: the final moved to the 29th, and an unrelated element half written.
        var edited = Shipped.Replace(">30 de diciembre</bpmn:timeDate>", ">29 de diciembre</bpmn:timeDate>", StringComparison.Ordinal)
            .Replace("foc:tipo=\"oficio\" foc:hito=\"ajuste\"", "foc:tipo=\"\" foc:hito=\"ajuste\"", StringComparison.Ordinal);
        using var moved = await PlazoAsync(edited, "VenceFinal");
        Assert.Multiple(async () =>
        {
            Assert.That((await AdminApiService.ReadAsync(nuble, HttpStatusCode.OK)).GetProperty("texto").GetString(),
                Is.EqualTo("Ñuble, año presupuestario 2027: martes 30 de junio de 2026; vence 01-07-2026 00:00 (−04:00)"));
            Assert.That((await AdminApiService.ReadAsync(magallanes, HttpStatusCode.OK)).GetProperty("texto").GetString(),
                Is.EqualTo("Magallanes y de la Antártica Chilena, año presupuestario 2027: martes 30 de junio de 2026; vence 01-07-2026 00:00 (−03:00)"));
            Assert.That((await AdminApiService.ReadAsync(moved, HttpStatusCode.OK)).GetProperty("texto").GetString(),
                Is.EqualTo("Ñuble, año presupuestario 2027: martes 29 de diciembre de 2026; vence 30-12-2026 00:00 (−03:00)"));
        });
    }

    [Test]
    public async Task A_reminder_series_lists_each_date_counted_from_the_plazo_it_names_in_the_same_file()
    {
        using var response = await PlazoAsync(Shipped, "RecordatoriosFinal");
        var plazo = await AdminApiService.ReadAsync(response, HttpStatusCode.OK);
        var dates = plazo.GetProperty("fechas").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(dates.Select(d => d.GetProperty("vence").GetString()), Is.EqualTo(new[]
            {
                "2026-11-30T09:00:00-03:00", "2026-12-16T09:00:00-03:00", "2026-12-23T09:00:00-03:00",
                "2026-12-28T09:00:00-03:00", "2026-12-29T09:00:00-03:00", "2026-12-30T09:00:00-03:00",
            }));
            Assert.That(dates[0].GetProperty("regla").GetString(), Is.EqualTo("30 días antes del plazo focalizacion-final, a las 09:00"));
            Assert.That(plazo.GetProperty("texto").GetString(), Does.StartWith(
                "Ñuble, año presupuestario 2027: lunes 30 de noviembre de 2026; vence 30-11-2026 09:00 (−03:00) · miércoles 16 de diciembre de 2026; vence 16-12-2026 09:00 (−03:00) · "));
            Assert.That(plazo.GetProperty("texto").GetString(), Does.EndWith("· miércoles 30 de diciembre de 2026; vence 30-12-2026 09:00 (−03:00)"));
        });
    }

    [Test]
    public async Task A_rule_counted_from_an_event_needs_its_date_and_uses_it_when_given()
    {
        using var without = await PlazoAsync(Shipped, "VenceObservaciones");
        using var with = await PlazoAsync(Shipped, "VenceObservaciones", events: new Dictionary<string, string> { ["focalizacion-preliminar-recibida"] = "2026-11-14" });
        var (status, detail, _) = await AdminApiService.ProblemAsync(without);
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(detail, Is.EqualTo(
                "VenceObservaciones: la regla «15 días corridos desde el evento focalizacion-preliminar-recibida»: falta la fecha del evento «focalizacion-preliminar-recibida» (indíquela en eventos, aaaa-mm-dd)"));
            Assert.That((await AdminApiService.ReadAsync(with, HttpStatusCode.OK)).GetProperty("texto").GetString(),
                Is.EqualTo("Ñuble, año presupuestario 2027: domingo 29 de noviembre de 2026; vence 30-11-2026 00:00 (−03:00)"));
        });
    }

    [TestCase("VenceFinal", "30 de diciembr", 422, null, "VenceFinal: regla de plazo no válida «30 de diciembr»")]
    [TestCase("NoExiste", null, 422, null, "elemento: no hay ningún elemento con id «NoExiste» en el XML")]
    [TestCase("OficioAjuste", null, 422, null, "elemento: «OficioAjuste» (bpmn:serviceTask) no es un temporizador: no tiene bpmn:timerEventDefinition")]
    public async Task A_rule_that_cannot_be_evaluated_is_a_422_in_Spanish_naming_the_element(string element, string? rule, int expected, string? field, string start)
    {
        var xml = rule is null ? Shipped : Shipped.Replace(">30 de diciembre</bpmn:timeDate>", $">{rule}</bpmn:timeDate>", StringComparison.Ordinal);
        using var response = await PlazoAsync(xml, element);
        var (status, detail, campo) = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That((int)status, Is.EqualTo(expected));
            Assert.That(detail, Does.StartWith(start));
            Assert.That(campo, Is.EqualTo(field));
        });
    }

    [TestCase("XX", 2027, "region", "region: región desconocida «XX»")]
    [TestCase("NB", 1990, "anio", "anio: el año presupuestario 1990 está fuera del calendario")]
    public async Task An_unknown_region_or_a_year_outside_the_calendar_is_a_400_naming_the_field(string region, int year, string field, string start)
    {
        using var response = await PlazoAsync(Shipped, "VenceFinal", region, year);
        var (status, detail, campo) = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(detail, Does.StartWith(start));
            Assert.That(campo, Is.EqualTo(field));
        });
    }
}
