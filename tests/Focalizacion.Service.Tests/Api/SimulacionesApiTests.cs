using System.Net;

namespace Focalizacion.Service.Tests.Api;

/// <summary><c>POST /api/v1/simulaciones</c> on the running service: a scenario's timeline as <c>simular --json</c>, live data and mail untouched, bad scenarios by field, and who may.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SimulacionesApiTests : ApiServiceFixture
{
    internal const string Scenario = """
        { "anioPresupuestario": 2027,
          "regiones": ["AI"],
          "focalizacionAnterior": ["AI"],
          "eventos": [
            { "region": "AI", "fecha": "2026-11-14T10:00", "evento": "focalizacion-preliminar-recibida" },
            { "region": "AI", "fecha": "2026-12-29T12:00", "evento": "focalizacion-final-recibida", "conforme": true } ] }
        """;

    [Test]
    public async Task Sercotec_central_gets_the_timeline_and_nothing_live_changes_nor_is_mailed()
    {
        var correos = await Api.Database.ScalarAsync("SELECT count(*) FROM correos");
        using var response = await Api.PostAsync("/api/v1/simulaciones", AdminApiService.Central, Scenario);
        var timeline = (await AdminApiService.ReadAsync(response, HttpStatusCode.OK)).EnumerateArray().ToList();
        var instants = timeline.Select(e => DateTimeOffset.Parse(e.GetProperty("instante").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(instants, Is.Ordered);
            Assert.That(timeline.Select(e => e.GetProperty("region").GetString()).Distinct(), Is.EqualTo(new[] { "AI" }));
            var inicio = timeline.First(e => e.GetProperty("hito").GetString() == "oficio-inicio");
            Assert.That(inicio.GetProperty("instante").GetString(), Is.EqualTo("2026-03-02T09:00:00-03:00"));
            Assert.That(inicio.GetProperty("tipo").GetString(), Is.EqualTo("oficio"));
            Assert.That(inicio.GetProperty("numero").GetInt32(), Is.EqualTo(1));
            Assert.That(inicio.GetProperty("emisor").GetString(), Is.EqualTo("gerencia-general"));
            Assert.That(inicio.GetProperty("destinatarios").EnumerateArray().Select(d => d.GetString()), Does.Contain("gobernador.ai@gore.ejemplo.invalid"));
            var outcome = timeline.Single(e => e.GetProperty("tipo").GetString() == "resultado");
            Assert.That(outcome.GetProperty("resultado").GetString(), Is.EqualTo("focalizacion-final"));
            Assert.That(timeline.Where(e => e.GetProperty("tipo").GetString() == "evento").Select(e => e.GetProperty("evento").GetString()),
                Is.EqualTo(new[] { "focalizacion-preliminar-recibida", "focalizacion-final-recibida" }));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM correos"), Is.EqualTo(correos), "the live database is not touched");
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM journal WHERE via = 'simulacion' OR region = 'AI' AND at >= '2026-12-01'"), Is.Zero,
                "no simulated step reaches the live journal");
            Assert.That(Directory.Exists(Api.MailFolder) ? Directory.GetFiles(Api.MailFolder) : [], Is.Empty, "nothing reaches the service's mail");
        });
    }

    [TestCase("""{ "regiones": ["AI"] }""", "anioPresupuestario", "falta el año presupuestario")] // the API has no command line to give the year
    [TestCase("""{ "anioPresupuestario": 1990 }""", "anioPresupuestario", "fuera del calendario")] // a year the calendar does not cover
    [TestCase("""{ "anioPresupuestario": 2027, "regiones": ["AI", "XX"] }""", "regiones[1]", "región desconocida «XX»")] // an unknown region
    [TestCase("""{ "anioPresupuestario": 2027, "regiones": ["AI","AI","AI","AI","AI","AI","AI","AI","AI","AI","AI","AI","AI","AI","AI","AI","AI"] }""", "regiones", "el país tiene 16")] // more regions than the country has
    [TestCase("""{ "anioPresupuestario": 2027, "regiones": ["AI"], "eventos": [ { "region": "AI", "fecha": "2026-13-01T10:00", "evento": "observaciones-enviadas" } ] }""", "eventos[0].fecha", "no es una fecha")] // an impossible month
    [TestCase("""{ "anioPresupuestario": 2027, "region": ["AI"] }""", "region", "campo desconocido")] // a misspelt field is not silently ignored
    [TestCase("""{ "anioPresupuestario": 2027, "eventos": [ """, "cuerpo", "no es JSON válido")] // a truncated body
    public async Task A_bad_scenario_is_a_400_naming_the_field_as_simular_does(string body, string field, string detail)
    {
        using var response = await Api.PostAsync("/api/v1/simulaciones", AdminApiService.Admin, body);
        var problem = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(HttpStatusCode.BadRequest), problem.Detail);
            Assert.That(problem.Field, Is.EqualTo(field));
            Assert.That(problem.Detail, Does.Contain(detail));
        });
    }

    [Test]
    public async Task A_scenario_over_the_body_limit_is_a_413()
    {
        var padding = string.Join(",", Enumerable.Repeat("""{ "region": "AI", "fecha": "2026-11-14T10:00", "evento": "focalizacion-preliminar-recibida" }""", 3000));
        using var response = await Api.PostAsync("/api/v1/simulaciones", AdminApiService.Admin, $$"""{ "anioPresupuestario": 2027, "eventos": [{{padding}}] }""");
        Assert.That(await AdminApiService.ProblemAsync(response), Is.EqualTo((HttpStatusCode.RequestEntityTooLarge, "cuerpo: supera el máximo de 256 KiB", (string?)"cuerpo")));
    }

    [Test]
    public async Task Neither_a_gore_nor_an_auditor_simulates()
    {
        using var gore = await Api.PostAsync("/api/v1/simulaciones", AdminApiService.GoreNb, Scenario);
        using var auditor = await Api.PostAsync("/api/v1/simulaciones", AdminApiService.Auditor, Scenario);
        using var anonymous = await Api.PostAsync("/api/v1/simulaciones", null, Scenario);
        Assert.Multiple(() =>
        {
            Assert.That(gore.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(auditor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }
}
