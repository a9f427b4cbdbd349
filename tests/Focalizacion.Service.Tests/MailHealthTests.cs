using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests;

/// <summary>
/// The real service on the day the oficios de inicio go out, with an SMTP server that refuses
/// every connection: still ready (200), but its readiness says mail is degraded, why and since when.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MailHealthTests
{
    private SmtpSink _sink = null!;
    private TestDatabase _database = null!;
    private ServiceProcess _service = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        _sink = await SmtpSink.StartNewAsync();
        _sink.RefuseConnections();
        _database = await TestDatabase.CreateCycleAsync();
        _service = ServiceProcess.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            // Monday 2 March 2026, 10:00: the oficio de inicio's window is open for budget year 2027.
            ["FOCALIZACION_RELOJ"] = "2026-03-02T10:00:00-03:00",
            ["FOCALIZACION_SMTP_HOST"] = "127.0.0.1",
            ["FOCALIZACION_SMTP_PUERTO"] = _sink.Port.ToString(CultureInfo.InvariantCulture),
        });
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Test]
    public async Task Readiness_stays_200_but_says_mail_is_degraded_with_the_last_error()
    {
        var (status, root) = await DegradedAsync();
        var mail = root.GetProperty("verificaciones").GetProperty("correo");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "a load balancer keeps the service: it still records events and keeps every email");
            Assert.That(root.GetProperty("estado").GetString(), Is.EqualTo("degradado"));
            Assert.That(root.GetProperty("degradadas").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "correo" }));
            Assert.That(root.GetProperty("fallan").EnumerateArray().Select(e => e.GetString()), Is.Empty);
            Assert.That(mail.GetProperty("estado").GetString(), Is.EqualTo("degradado"));
            Assert.That(mail.GetProperty("detalle").GetString(), Does.StartWith("El correo no está saliendo: ")
                .And.Contain("el más antiguo, «Oficio N° ").And.Contain("espera desde el 2026-03-02 10:00")
                .And.EndWith("«4.3.2 Service not available»"));
            Assert.That(_sink.Messages(), Is.Empty);
        }
    }

    /// <summary>Polls readiness (at most two minutes) until it reports degraded, as the first sends fail.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Root)> DegradedAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _service.WaitForAsync("/salud/listo", HttpStatusCode.OK);
            var text = await response.Content.ReadAsStringAsync();
            var root = JsonDocument.Parse(text).RootElement.Clone();
            if (root.GetProperty("estado").GetString() == "degradado" || deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                TestContext.Out.WriteLine(text);
                return (response.StatusCode, root);
            }
            await Task.Delay(200);
        }
    }
}
