using System.Net;
using System.Text.Json;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests;

/// <summary>The real service on a fresh database: health, migrations, dashboard and errors as an operator meets them.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RunningServiceTests
{
    private TestDatabase _database = null!;
    private ServiceProcess _service = null!;

    [OneTimeSetUp]
    public async Task StartService()
    {
        _database = await TestDatabase.CreateCycleAsync();
        // Back to an empty schema, so that the migrations found afterwards are the service's own doing.
        await _database.ScalarAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        _service = ServiceProcess.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            // Mid-cycle for budget year 2027: after the preliminary's deadline, before the montos'.
            ["FOCALIZACION_RELOJ"] = "2026-11-20T12:00:00-03:00",
            ["FOCALIZACION_CORREO_CARPETA"] = Path.Combine(Path.GetTempPath(), $"correo-servicio-{Guid.NewGuid():N}"),
        });
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Liveness_answers_200_with_Spanish_json()
    {
        using var response = await _service.WaitForAsync("/salud/vivo", HttpStatusCode.OK);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), _service.Output);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("estado").GetString(), Is.EqualTo("vivo"));
    }

    [Test]
    public async Task Readiness_answers_200_once_database_migrations_and_hangfire_are_up()
    {
        using var response = await _service.WaitForAsync("/salud/listo", HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text + "\n" + _service.Output);
        using var body = JsonDocument.Parse(text);
        var checks = body.RootElement.GetProperty("verificaciones");
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("estado").GetString(), Is.EqualTo("listo"));
            Assert.That(checks.EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "postgresql", "migraciones", "acceso", "motor", "hangfire", "ciclos", "correo" }));
            // Nothing is due on 20 November: no email waits.
            Assert.That(checks.GetProperty("correo").GetProperty("detalle").GetString(), Is.EqualTo("El correo sale al día: no hay mensajes pendientes"));
        });
    }

    [Test]
    public async Task Start_up_applies_the_migrations_to_the_database()
    {
        using var ready = await _service.WaitForAsync("/salud/listo", HttpStatusCode.OK);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), _service.Output);
        Assert.Multiple(async () =>
        {
            Assert.That(await Runtime.Persistence.Migrator.PendingAsync(_database.Store.DataSource, [Runtime.Persistence.MigrationSet.Engine, .. Cycle.CycleRuntime.Schemas]), Is.Empty);
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM schema_migrations"), Is.GreaterThan(0));
            Assert.That(_service.Output, Does.Contain($"Migrations applied at start-up: {await _database.ScalarAsync("SELECT count(*) FROM schema_migrations")}"));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM hangfire.server"), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Hangfire_dashboard_opens_for_an_administrator_only_even_from_loopback()
    {
        using var ready = await _service.WaitForAsync("/salud/listo", HttpStatusCode.OK);
        var users = new global::Focalizacion.Access.Users.UserStore(_database.Store, NodaTime.SystemClock.Instance);
        var tokens = new global::Focalizacion.Access.Tokens.AccessTokens(_database.Store, NodaTime.SystemClock.Instance);
        var admin = (await users.CreateAsync(new("admin.panel@sercotec.cl", "administrador", null, null, null), null, Runtime.Actor.Cli("prueba"))).User!;
        var gore = (await users.CreateAsync(new("gore.panel@gore.cl", "gore", "NB", null, null), null, Runtime.Actor.Cli("prueba"))).User!;
        async Task<HttpStatusCode> AsAsync(global::Focalizacion.Access.Users.User? user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
            if (user is not null)
            {
                request.Headers.Authorization = new("Bearer", (await tokens.CreateAsync(user.Id, "panel", 1, Runtime.Actor.Cli("prueba"))).Token);
            }
            using var response = await _service.Client.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Multiple(async () =>
        {
            Assert.That(await AsAsync(null), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await AsAsync(gore), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await AsAsync(admin), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Unknown_route_is_a_Spanish_problem_for_programs_and_a_Spanish_page_for_browsers()
    {
        using var live = await _service.WaitForAsync("/salud/vivo", HttpStatusCode.OK);
        using var api = await _service.Client.GetAsync(new Uri("/api/v1/no/existe", UriKind.Relative));
        var apiText = await api.Content.ReadAsStringAsync();
        using var page = await _service.Client.GetAsync(new Uri("/no/existe", UriKind.Relative));
        var pageText = await page.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(api.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(apiText, Does.Contain("Recurso no encontrado"));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(pageText, Does.Contain("No encontrado").And.Contain("lang=\"es-CL\""));
            foreach (var text in new[] { apiText, pageText })
            {
                Assert.That(text, Does.Not.Contain(" at ").And.Not.Contain("Exception"));
            }
        });
    }

    [Test]
    public async Task Start_up_starts_the_cycles_of_the_year_in_progress_without_sending_past_oficios()
    {
        using var ready = await _service.WaitForAsync("/salud/listo", HttpStatusCode.OK);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), _service.Output);
        Assert.Multiple(async () =>
        {
            Assert.That(await _database.ScalarAsync("SELECT count(DISTINCT correlation_key) FROM workflow_instances WHERE correlation_key LIKE '%/2027'"), Is.EqualTo(16));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM workflow_definitions WHERE process_key = 'ciclo-focalizacion-regional' AND status = 'Published'"), Is.EqualTo(1));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM directorio"), Is.EqualTo(16 * 4 + 1), "the placeholder directory is seeded");
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM correos"), Is.Zero, "nothing past is sent, and nothing is due yet on 20 November");
            Assert.That(await _database.ScalarAsync(
                "SELECT count(*) FROM workflow_instances WHERE state->'variables'->'vencidosSinRegistro' @> '[\"oficio-inicio\", \"presupuesto-exploratorio\", \"focalizacion-preliminar\"]'"),
                Is.EqualTo(16), "the deadlines already past are flagged in every region");
        });
    }
}
