using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Focalizacion.Cycle.Workflow;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// <c>POST /api/v1/disenador/simulaciones</c> on the running service: a draft's year simulated, its
/// changed deadline in the timeline, the fallback oficio of a region whose GORE never submits, every
/// entry naming an element of the posted XML, a draft with problems refused as the upload refuses it,
/// and nothing of the live data changed.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DisenadorSimulacionesApiTests : ApiServiceFixture
{
    private static readonly string Shipped = Encoding.UTF8.GetString(ShippedWorkflow.Bpmn.Span);

    /// <summary>The shipped workflow with the final's deadline moved from 30 to 22 December.</summary>
    private static readonly string EarlierFinal = Changed(Shipped, """language="plazo">30 de diciembre</bpmn:timeDate>""", """language="plazo">22 de diciembre</bpmn:timeDate>""");

    /// <summary>Ñuble, whose GORE never submits, with a previous year's focalización to fall back on.</summary>
    private static readonly JsonObject NobodySubmits = new() { ["focalizacionAnterior"] = new JsonArray("NB") };

    private static string Changed(string xml, string from, string to)
    {
        Assert.That(xml, Does.Contain(from), "the shipped workflow still has what the test changes");
        return xml.Replace(from, to, StringComparison.Ordinal);
    }

    private async Task<JsonElement> SimulateAsync(string? xml, JsonObject? scenario, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = new JsonObject { ["xml"] = xml, ["escenario"] = scenario?.DeepClone(), ["regiones"] = new JsonArray("NB"), ["anio"] = 2027 };
        using var response = await Api.PostAsync("/api/v1/disenador/simulaciones", AdminApiService.Admin, body.ToJsonString());
        return await AdminApiService.ReadAsync(response, expected);
    }

    private static JsonElement Fallback(JsonElement result) =>
        result.GetProperty("entradas").EnumerateArray().Single(e => e.GetProperty("tipo").GetString() == "resultado");

    [Test]
    public async Task A_draft_with_an_earlier_final_deadline_falls_back_on_the_changed_date_and_the_published_one_on_its_own()
    {
        var published = await SimulateAsync(xml: null, NobodySubmits);
        var draft = await SimulateAsync(EarlierFinal, NobodySubmits);
        Assert.Multiple(() =>
        {
            // Overdue from the start of the next day in Ñuble (summer time, −03:00).
            Assert.That(Fallback(published).GetProperty("instante").GetString(), Is.EqualTo("2026-12-31T00:00:00-03:00"));
            Assert.That(Fallback(draft).GetProperty("instante").GetString(), Is.EqualTo("2026-12-23T00:00:00-03:00"));
            Assert.That(Fallback(draft).GetProperty("resultado").GetString(), Is.EqualTo("focalizacion-anterior"));
            Assert.That(draft.GetProperty("mensajes").EnumerateArray().Select(m => m.GetString()), Has.Some.Contains("el XML enviado"));
            Assert.That(published.GetProperty("mensajes").EnumerateArray().Select(m => m.GetString()), Has.Some.Contains("versión 1 publicada"));
        });
    }

    [Test]
    public async Task The_fallback_oficio_is_in_the_timeline_of_a_region_whose_gore_never_submits_and_every_entry_names_an_element_of_the_posted_xml()
    {
        var correos = await Api.Database.ScalarAsync("SELECT count(*) FROM correos");
        var result = await SimulateAsync(EarlierFinal, NobodySubmits);
        var entries = result.GetProperty("entradas").EnumerateArray().ToList();
        var ids = XDocument.Parse(EarlierFinal).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
        var fallback = entries.Single(e => e.GetProperty("tipo").GetString() == "oficio" && e.GetProperty("instante").GetString() == "2026-12-23T00:00:00-03:00");
        Assert.Multiple(async () =>
        {
            Assert.That(fallback.GetProperty("elemento").GetString(), Is.EqualTo("OficioAnterior"), "the service task that notifies the previous year's focalización");
            Assert.That(fallback.GetProperty("numero").GetInt32(), Is.Positive);
            Assert.That(Fallback(result).GetProperty("elemento").GetString(), Is.EqualTo("ResultadoAnterior"));
            Assert.That(entries.Select(e => e.TryGetProperty("elemento", out var element) ? element.GetString() : null), Is.All.Matches<string?>(id => id is not null && ids.Contains(id)),
                "every entry names an element of the posted XML");
            Assert.That(entries.Where(e => e.GetProperty("tipo").GetString() == "recordatorio").Select(e => e.GetProperty("elemento").GetString()), Does.Contain("RecordarFinal"));
            Assert.That(result.GetProperty("incidentes").GetArrayLength(), Is.Zero);
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM correos"), Is.EqualTo(correos), "the live database is not touched");
            Assert.That(Directory.Exists(Api.MailFolder) ? Directory.GetFiles(Api.MailFolder) : [], Is.Empty, "nothing reaches the service's mail");
        });
    }

    [Test]
    public async Task A_scenario_event_names_the_receive_task_that_took_it()
    {
        var scenario = new JsonObject
        {
            ["eventos"] = new JsonArray(new JsonObject { ["region"] = "NB", ["fecha"] = "2026-12-15T10:00", ["evento"] = "focalizacion-final-recibida", ["conforme"] = true }),
        };
        var result = await SimulateAsync(EarlierFinal, scenario);
        var received = result.GetProperty("entradas").EnumerateArray().Single(e => e.GetProperty("tipo").GetString() == "evento");
        Assert.Multiple(() =>
        {
            Assert.That(received.GetProperty("elemento").GetString(), Is.EqualTo("EsperaFinal"));
            Assert.That(Fallback(result).GetProperty("resultado").GetString(), Is.EqualTo("focalizacion-final"));
            Assert.That(Fallback(result).GetProperty("elemento").GetString(), Is.EqualTo("ResultadoFinal"));
        });
    }

    [Test]
    public async Task A_draft_the_engine_cannot_run_is_a_422_naming_each_element_as_the_upload_does()
    {
        var broken = Changed(Shipped, """<bpmn:serviceTask id="OficioAjuste" name="Enviar oficio de ajuste" foc:handler="enviar-correo" """,
            """<bpmn:serviceTask id="OficioAjuste" name="Enviar oficio de ajuste" foc:handler="no-existe" """);
        var problem = await SimulateAsync(broken, null, HttpStatusCode.UnprocessableEntity);
        var problems = problem.GetProperty("problemas").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Contenido no procesable"));
            Assert.That(problems.Select(p => p.GetProperty("elemento").GetString()), Does.Contain("OficioAjuste"));
            Assert.That(problems.Single(p => p.GetProperty("elemento").GetString() == "OficioAjuste").GetProperty("mensaje").GetString(), Does.Contain("«no-existe»"));
        });
    }

    [Test]
    public async Task A_draft_of_another_process_is_a_422_since_no_cycle_would_run_it()
    {
        var other = Changed(Shipped, """<bpmn:process id="ciclo-focalizacion-regional" """, """<bpmn:process id="otro-proceso" """);
        var problem = await SimulateAsync(other, null, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("problemas").EnumerateArray().Select(p => p.GetProperty("mensaje").GetString()), Has.Some.Contains("«otro-proceso»"));
    }

    [TestCase("""{ "anio": 2027, "regiones": ["NB", "XX"] }""", "regiones[1]", "región desconocida «XX»")] // an unknown region
    [TestCase("""{ "regiones": ["NB"] }""", "anio", "falta el año presupuestario")] // neither the body nor a scenario gives the year
    [TestCase("""{ "anio": 1990 }""", "anio", "fuera del calendario")] // a year the calendar does not cover
    [TestCase("""{ "anio": 2027, "escenario": { "anioPresupuestario": 2028 } }""", "escenario.anioPresupuestario", "2028")] // the scenario's year disagrees
    [TestCase("""{ "anio": 2027, "escenario": { "eventos": [ { "region": "NB", "fecha": "2026-13-01T10:00", "evento": "observaciones-enviadas" } ] } }""", "escenario.eventos[0].fecha", "no es una fecha")] // an impossible month
    [TestCase("""{ "anio": 2027, "xml": "" }""", "xml", "vacío")] // an empty XML is not "the published one"
    [TestCase("""{ "anio": 2027, "xlm": null }""", "xlm", "la operación no lleva ese campo")] // a misspelt field is not silently ignored
    public async Task A_bad_request_is_a_400_naming_the_field(string body, string field, string detail)
    {
        using var response = await Api.PostAsync("/api/v1/disenador/simulaciones", AdminApiService.Admin, body);
        var problem = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest), problem.Detail);
            Assert.That(problem.Field, Is.EqualTo(field));
            Assert.That(problem.Detail, Does.Contain(detail));
        });
    }
}
