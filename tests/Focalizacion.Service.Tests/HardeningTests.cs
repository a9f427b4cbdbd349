using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Focalizacion.Access.Tokens;
using Focalizacion.Access.Users;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Service.Tests;

/// <summary>What exposing the service takes, checked on the real process: headers, host names, forwarded headers, body sizes.</summary>
[TestFixture]
[NonParallelizable]
public sealed class HardeningTests
{
    private TestDatabase _database = null!;
    private ServiceProcess _service = null!;
    private string _gore = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        _database = await TestDatabase.CreateCycleAsync();
        _service = ServiceProcess.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            ["FOCALIZACION_RELOJ"] = "2026-11-10T12:00:00-03:00",
            ["FOCALIZACION_CORREO_CARPETA"] = Path.Combine(Path.GetTempPath(), $"correo-hardening-{Guid.NewGuid():N}"),
        });
        using var ready = await _service.WaitForAsync("/salud/listo", HttpStatusCode.OK);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), _service.Output);
        var user = (await new UserStore(_database.Store, SystemClock.Instance).CreateAsync(new("gore.nb@gore.cl", "gore", "NB", null, null), null, Focalizacion.Runtime.Actor.Cli("prueba"))).User!;
        _gore = (await new AccessTokens(_database.Store, SystemClock.Instance).CreateAsync(user.Id, "pruebas", 1, Focalizacion.Runtime.Actor.Cli("prueba"))).Token;
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [TestCase("/api/v1/regiones")] // an API answer
    [TestCase("/no/existe")]       // an error page
    [TestCase("/salud/vivo")]      // health
    public async Task Every_answer_carries_the_security_headers_and_no_server_header(string path)
    {
        using var response = await _service.Client.GetAsync(new Uri(path, UriKind.Relative));
        var headers = response.Headers;
        Assert.Multiple(() =>
        {
            Assert.That(headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
            Assert.That(headers.Contains("Server"), Is.False);
        });
    }

    [Test]
    public async Task A_host_name_not_configured_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/salud/vivo");
        request.Headers.Host = "focalizacion.atacante.example";
        using var refused = await _service.Client.SendAsync(request);
        using var allowed = await _service.Client.GetAsync(new Uri("/salud/vivo", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Forwarded_headers_from_an_unconfigured_proxy_are_not_believed()
    {
        // The journal records the client's address; a forged X-Forwarded-For must not become it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ciclos/2027/NB/eventos")
        {
            Content = new StringContent("""{"evento":"focalizacion-preliminar-recibida"}""", MediaTypeHeaderValue.Parse("application/json")),
        };
        request.Headers.Authorization = new("Bearer", _gore);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var recorded = await _service.Client.SendAsync(request);
        Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.Created), await recorded.Content.ReadAsStringAsync());
        using var journal = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ciclos/2027/NB/diario?limite=50");
        journal.Headers.Authorization = new("Bearer", _gore);
        using var lines = await _service.Client.SendAsync(journal);
        using var body = JsonDocument.Parse(await lines.Content.ReadAsStringAsync());
        var mine = body.RootElement.GetProperty("lineas").EnumerateArray()
            .Where(l => l.GetProperty("actor").GetProperty("nombre").GetString() == "gore.nb@gore.cl").ToList();
        Assert.That(mine, Is.Not.Empty);
        Assert.That(mine.Select(l => l.GetProperty("actor").GetProperty("direccion").GetString()), Is.All.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task A_body_over_the_limit_is_413_and_changes_nothing()
    {
        // Only this caller's lines: the engine keeps journaling its own timers meanwhile.
        const string Mine = "SELECT count(*) FROM journal WHERE actor = 'gore.nb@gore.cl'";
        var before = await _database.ScalarAsync(Mine);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ciclos/2027/NB/eventos")
        {
            Content = new StringContent("{\"evento\":\"" + new string('x', 5 * 1024 * 1024) + "\"}", MediaTypeHeaderValue.Parse("application/json")),
        };
        request.Headers.Authorization = new("Bearer", _gore);
        using var response = await _service.Client.SendAsync(request);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("supera el máximo"));
            Assert.That(await _database.ScalarAsync(Mine), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Many_requests_at_once_share_a_bounded_pool_of_the_API_role_s_connections()
    {
        // Eight times the pool's size, all at once: the ones beyond it wait for a connection in the service.
        var requests = Enumerable.Range(0, 8 * Hosting.ServiceSettings.ApiPoolSize).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ciclos/2027/NB");
            request.Headers.Authorization = new("Bearer", _gore);
            using var response = await _service.Client.SendAsync(request);
            return response.StatusCode;
        });
        var answers = await Task.WhenAll(requests);
        var apiRole = Focalizacion.Runtime.Hosting.DatabaseRole.RoleOf(_database.ApiConnectionString);
        var connections = await _database.ScalarAsync(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = '{apiRole}'");
        Assert.Multiple(() =>
        {
            Assert.That(answers, Is.All.EqualTo(HttpStatusCode.OK));
            // Connections stay open in the pool after their requests: what was opened is still there to count.
            Assert.That(connections, Is.InRange(1, Hosting.ServiceSettings.ApiPoolSize));
        });
    }

    [TestCase("limite=abc", "limite: «abc» no es un número entero")]
    [TestCase("antesDe=1e9", "antesDe: «1e9» no es un número entero")]
    public async Task A_query_parameter_that_does_not_bind_is_a_400_naming_it(string query, string detail)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ciclos/2027/NB/diario?" + query);
        request.Headers.Authorization = new("Bearer", _gore);
        using var response = await _service.Client.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.RootElement.GetProperty("detail").GetString(), Is.EqualTo(detail));
            Assert.That(body.RootElement.GetProperty("campo").GetString(), Is.EqualTo(query.Split('=')[0]));
        });
    }
}
