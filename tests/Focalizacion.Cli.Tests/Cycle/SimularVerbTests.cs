using Focalizacion.Testing;

namespace Focalizacion.Cli.Tests.Cycle;

/// <summary><c>simular</c> as admins run it: the issue's sample scenario, its JSON timeline, real delivery, and bad scenarios.</summary>
[Parallelizable(ParallelScope.All)]
public class SimularVerbTests
{
    private const string Sample = """
        { "anioPresupuestario": 2027,
          "regiones": ["NB", "MA"],
          "focalizacionAnterior": ["NB"],
          "eventos": [
            { "region": "NB", "fecha": "2026-06-10T10:00", "evento": "presupuesto-exploratorio-registrado" },
            { "region": "NB", "fecha": "2026-11-14T10:00", "evento": "focalizacion-preliminar-recibida" },
            { "region": "NB", "fecha": "2026-11-25T16:00", "evento": "observaciones-enviadas" },
            { "region": "NB", "fecha": "2026-11-30T12:00", "evento": "montos-preliminares-registrados" },
            { "region": "NB", "fecha": "2026-12-29T12:00", "evento": "focalizacion-final-recibida", "conforme": true } ] }
        """;

    private static string ScenarioFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"escenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public async Task The_sample_scenario_prints_a_sorted_json_timeline_delivered_to_the_smtp_server()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        var run = CliRun.InProcess("simular", "2027", "--escenario", ScenarioFile(Sample), "--smtp", $"127.0.0.1:{sink.Port}", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var timeline = run.Json().EnumerateArray().ToList();
        var instants = timeline.Select(e => DateTimeOffset.Parse(e.GetProperty("instante").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(instants, Is.Ordered, "sorted by time");
            Assert.That(timeline.Select(e => e.GetProperty("tipo").GetString()).Distinct(), Is.EquivalentTo(new[] { "oficio", "recordatorio", "aviso", "evento", "resultado" }));
            var results = timeline.Where(e => e.GetProperty("tipo").GetString() == "resultado")
                .ToDictionary(e => e.GetProperty("region").GetString()!, e => e.GetProperty("resultado").GetString());
            Assert.That(results, Is.EqualTo(new Dictionary<string, string?> { ["NB"] = "focalizacion-final", ["MA"] = "definicion-sercotec" }));
            var inicio = timeline.First(e => e.GetProperty("hito").GetString() == "oficio-inicio" && e.GetProperty("region").GetString() == "NB");
            Assert.That(inicio.GetProperty("instante").GetString(), Is.EqualTo("2026-03-02T09:00:00-03:00"));
            // NB's and MA's oficios de inicio go at the same instant, from one national series: 1 and 2, in delivery order.
            var inicioNumbers = timeline.Where(e => e.GetProperty("hito").GetString() == "oficio-inicio").Select(e => e.GetProperty("numero").GetInt32());
            Assert.That(inicioNumbers, Is.EquivalentTo(new[] { 1, 2 }));
            Assert.That(inicio.GetProperty("destinatarios").EnumerateArray().Select(d => d.GetString()), Does.Contain("gobernador.nb@gore.ejemplo.invalid"));
            // Every oficio of the shipped cycle comes from Sercotec central (Reglamento §4), and says so.
            var issuers = timeline.Where(e => e.GetProperty("tipo").GetString() == "oficio").Select(e => e.GetProperty("emisor").GetString()).Distinct();
            Assert.That(issuers, Is.EqualTo(new[] { "gerencia-general" }));
            Assert.That(timeline.Where(e => e.GetProperty("tipo").GetString() != "oficio").Where(e => e.TryGetProperty("emisor", out _)), Is.Empty, "only oficios have an issuer");
            var messages = timeline.Count(e => e.GetProperty("tipo").GetString() is "oficio" or "recordatorio" or "aviso");
            Assert.That(sink.Messages(), Has.Count.EqualTo(messages), "with --smtp every message is really delivered");
        });
    }

    [Test]
    public void Without_a_scenario_every_region_runs_and_the_text_timeline_is_in_spanish()
    {
        var run = CliRun.InProcess("simular", "2027", "--region", "AI", "--region", "LR");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        // Both oficios de inicio go at the same instant: one national series gives them 1 and 2.
        Assert.That(run.Output, Does.Match("lunes 2 de marzo de 2026 09:00  AI  oficio N° [12]/2026 · oficio-inicio")
            .And.Contain("Sercotec focaliza según sus definiciones internas")
            .And.Contain("Regiones: AI, LR"));
    }

    [TestCase("{ \"eventos\": [ { \"region\": \"NB\", \"fecha\": \"2026-13-01T10:00\", \"evento\": \"observaciones-enviadas\" } ] }", "eventos[0].fecha")] // impossible month
    [TestCase("{ \"eventos\": [ { \"region\": \"XX\", \"fecha\": \"2026-11-01T10:00\", \"evento\": \"observaciones-enviadas\" } ] }", "eventos[0].region: región desconocida «XX»")] // unknown region
    [TestCase("{ \"eventos\": [ { \"region\": \"NB\", \"fecha\": \"2026-11-01T10:00\", \"evento\": \"observacion\" } ] }", "eventos[0].evento: evento desconocido «observacion»")] // typo in the event
    [TestCase("{ \"eventos\": [ { \"region\": \"NB\", \"fecha\": \"2026-12-29T12:00\", \"evento\": \"focalizacion-final-recibida\" } ] }", "eventos[0].conforme: falta")] // a final must say whether it conforms
    [TestCase("{ \"anioPresupuestario\": 2028 }", "anioPresupuestario: el escenario es del año 2028")] // the file's year disagrees with the command
    [TestCase("{ \"regiones\": \"NB\" }", "regiones: debe ser una lista")] // a string where a list goes
    [TestCase("{ \"regiones\": [\"NB\"], \"eventos\": [ { \"region\": \"MA\", \"fecha\": \"2026-11-01T10:00\", \"evento\": \"observaciones-enviadas\" } ] }", "eventos[0].region: MA no está entre las regiones")] // an event for a region not simulated
    [TestCase("{ \"region\": [\"NB\"] }", "region: campo desconocido")] // a misspelt field is not silently ignored
    [TestCase("{ \"regiones\": [\"NB\"], \"eventos\": [ { \"region\": \"NB\", \"fecha\": \"2026-11-30T12:00\", \"evento\": \"montos-preliminares-registrados\", \"datos\": { \"montos\": { \"Capital Semilla\": \"mucho\" } } } ] }", "eventos[0].datos.montos.Capital Semilla: «\"mucho\"» no es un monto en pesos")] // an amount in words would fail every later email
    [TestCase("{ \"regiones\": [\"NB\"], \"eventos\": [ { \"region\": \"NB\", \"fecha\": \"2026-11-30T12:00\", \"evento\": \"montos-preliminares-registrados\", \"datos\": { \"region\": \"AP\" } } ] }", "eventos[0].datos.region: es una variable propia de la instancia")] // an event never moves a cycle to another region
    [TestCase("{ \"eventos\": [ ", "no es JSON válido")] // truncated file
    public void A_malformed_scenario_exits_2_naming_the_field(string json, string message)
    {
        var run = CliRun.InProcess("simular", "2027", "--escenario", ScenarioFile(json));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain(message));
            Assert.That(run.Error, Does.Not.Contain("   at "), "never a stack trace");
            Assert.That(run.Output, Is.Empty);
        });
    }

    [TestCase("--smtp", "localhost", "--smtp: «localhost» no es host:puerto")] // no port
    [TestCase("--region", "Narnia", "no existe la región «Narnia»")] // unknown region on the command line
    public void Bad_options_exit_2(string option, string value, string message)
    {
        var run = CliRun.InProcess("simular", "2027", option, value);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.Contain(message));
        });
    }
}
