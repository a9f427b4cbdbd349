using System.Net;
using System.Text.Json;
using Focalizacion.Access.Users;
using Focalizacion.Testing;
using Focalizacion.Testing.Oidc;
using NodaTime;

namespace Focalizacion.Service.Tests.Identity;

/// <summary>
/// The external login end to end: the real service, a real OpenID Connect provider on loopback
/// shaped like ClaveÚnica (the RUN only in the userinfo's RolUnico), and a client that acts as a
/// browser (cookies, redirects, the provider's login form).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ExternalLoginTests
{
    private const string KnownRun = "12.345.678-5";
    private const string UnknownRun = "11.111.111-1";
    private const string Password = "clave-del-proveedor";

    private TestDatabase _database = null!;
    private LoopbackOidcProvider _provider = null!;
    private ServiceProcess _service = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = await TestDatabase.CreateCycleAsync();
        var users = new UserStore(_database.Store, SystemClock.Instance);
        var created = await users.CreateAsync(new NewUser("rosa.gore@gore-nuble.cl", "gore", "NB", "Rosa Muñoz", KnownRun), null, Runtime.Actor.Cli("prueba"));
        Assert.That(created.Problem, Is.Null);
        var port = ServiceProcess.FreePort();
        var callback = new Uri($"http://127.0.0.1:{port}/api/v1/sesion/externa/retorno");
        _provider = await LoopbackOidcProvider.StartAsync(
            new OidcClientRegistration("focalizacion", "secreto-del-cliente", [callback]),
            [new OidcPerson(KnownRun, "Rosa", "Muñoz", null, Password), new OidcPerson(UnknownRun, "Juan", "Pérez", null, Password)],
            OidcProfile.ClaveUnica);
        _service = ServiceProcess.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            ["FOCALIZACION_OIDC_AUTORIDAD"] = _provider.Issuer.ToString(),
            ["FOCALIZACION_OIDC_CLIENTE"] = "focalizacion",
            ["FOCALIZACION_OIDC_SECRETO"] = "secreto-del-cliente",
            ["FOCALIZACION_OIDC_PERFIL"] = "claveunica",
            ["FOCALIZACION_RELOJ"] = "2026-11-10T12:00:00-03:00",
            ["FOCALIZACION_CORREO_CARPETA"] = Path.Combine(Path.GetTempPath(), $"correo-oidc-{Guid.NewGuid():N}"),
        }, port);
        using var ready = await _service.WaitForAsync("/salud/listo", HttpStatusCode.OK);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), _service.Output);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _service.DisposeAsync();
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task A_known_RUN_gets_a_session_with_the_role_and_region_the_users_table_gives()
    {
        using var browser = LoopbackOidcProvider.CreateBrowser();
        var userInfoBefore = _provider.UserInfoRequests;
        var back = await _provider.SignInAsync(browser, new Uri(_service.Address, "/api/v1/sesion/externa?volver=/api/v1/sesion"), KnownRun, Password);
        Assert.That(back.AbsolutePath, Is.EqualTo("/api/v1/sesion/externa/retorno"));
        using var callback = await browser.GetAsync(back);
        Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.Found), await callback.Content.ReadAsStringAsync() + _service.Output);
        Assert.That(callback.Headers.Location?.OriginalString, Is.EqualTo("/api/v1/sesion"));
        using var session = await browser.GetAsync(new Uri(_service.Address, "/api/v1/sesion"));
        var text = await session.Content.ReadAsStringAsync();
        Assert.That(session.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var body = JsonDocument.Parse(text);
        var user = body.RootElement.GetProperty("usuario");
        Assert.Multiple(async () =>
        {
            Assert.That(user.GetProperty("correo").GetString(), Is.EqualTo("rosa.gore@gore-nuble.cl"));
            Assert.That(user.GetProperty("rol").GetString(), Is.EqualTo("gore"));
            Assert.That(user.GetProperty("region").GetString(), Is.EqualTo("NB"));
            Assert.That(_provider.UserInfoRequests, Is.GreaterThan(userInfoBefore), "the backend fetched the userinfo: the id_token has no RUN");
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM journal WHERE kind = 'sesion-iniciada' AND actor = 'rosa.gore@gore-nuble.cl' AND via = 'web'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_unknown_RUN_is_refused_in_Spanish_and_nothing_is_created()
    {
        var usersBefore = await _database.ScalarAsync("SELECT count(*) FROM usuarios");
        using var browser = LoopbackOidcProvider.CreateBrowser();
        var back = await _provider.SignInAsync(browser, new Uri(_service.Address, "/api/v1/sesion/externa"), UnknownRun, Password);
        using var callback = await browser.GetAsync(back);
        using var page = await browser.GetAsync(new Uri(_service.Address, callback.Headers.Location?.OriginalString ?? "/"));
        var text = await page.Content.ReadAsStringAsync();
        using var session = await browser.GetAsync(new Uri(_service.Address, "/api/v1/sesion"));
        Assert.Multiple(async () =>
        {
            Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.Found), _service.Output);
            Assert.That(callback.Headers.Location?.OriginalString, Is.EqualTo("/ingresar?externo=no-autorizado"));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(text, Does.Contain("No autorizado"), "the login page says why, in Spanish");
            Assert.That(session.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no session was started");
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM usuarios"), Is.EqualTo(usersBefore));
            Assert.That(await _database.ScalarAsync("SELECT count(*) FROM journal WHERE kind = 'ingreso-rechazado' AND actor = '11111111-1'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_return_address_is_only_ever_a_path_of_the_service()
    {
        using var browser = LoopbackOidcProvider.CreateBrowser();
        var back = await _provider.SignInAsync(browser, new Uri(_service.Address, "/api/v1/sesion/externa?volver=https://atacante.example/robar"), KnownRun, Password);
        using var callback = await browser.GetAsync(back);
        Assert.That(callback.Headers.Location?.OriginalString, Is.EqualTo("/"));
    }
}
