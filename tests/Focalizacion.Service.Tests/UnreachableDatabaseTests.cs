using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace Focalizacion.Service.Tests;

/// <summary>The real service pointed at a port where no PostgreSQL listens: alive, not ready, and saying why.</summary>
[TestFixture]
[NonParallelizable]
public sealed class UnreachableDatabaseTests
{
    private ServiceProcess _service = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        var closed = new NpgsqlConnectionStringBuilder(Testing.TestDatabase.ServerConnectionString) { Port = ClosedPort(), Timeout = 2 };
        _service = ServiceProcess.Start(closed.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopService() => await _service.DisposeAsync();

    [Test]
    public async Task Liveness_still_answers_200()
    {
        using var response = await _service.WaitForAsync("/salud/vivo", HttpStatusCode.OK);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), _service.Output);
    }

    [Test]
    public async Task Readiness_answers_503_naming_the_database_check()
    {
        using var response = await _service.WaitForAsync("/salud/listo", HttpStatusCode.ServiceUnavailable);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), text + "\n" + _service.Output);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("estado").GetString(), Is.EqualTo("no listo"));
            Assert.That(root.GetProperty("fallan").EnumerateArray().Select(e => e.GetString()), Does.Contain("postgresql"));
            Assert.That(root.GetProperty("verificaciones").GetProperty("postgresql").GetProperty("detalle").GetString(), Is.EqualTo("PostgreSQL no responde"));
            Assert.That(text, Does.Not.Contain("Exception"));
        });
    }

    /// <summary>A loopback port that was free a moment ago: nothing listens there.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
