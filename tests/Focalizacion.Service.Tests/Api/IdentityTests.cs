using System.Text.Json;
using Focalizacion.Access.Users;
using NodaTime.Testing;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// Who is calling, as a person and a program meet it: a browser session (login, antiforgery on
/// every change, lockout, the login rate limit), personal access tokens through their whole life
/// (created in the session, used, listed with their last use, revoked), a deactivated user, and
/// the journal naming the user, role, region, channel and address of each event recorded.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IdentityTests
{
    private const string Password = "una clave larga de prueba";

    /// <summary>20 November 2026: budget year 2027's cycles wait for the GORE's preliminary (past its deadline, still taken).</summary>
    private static readonly NodaTime.OffsetDateTime Late = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse("2026-11-20T12:00:00-03:00").Value;

    private ApiService _api = null!;

    [OneTimeSetUp]
    public async Task StartService() => _api = await ApiService.StartAsync(Late, waitForOficios: false);

    [OneTimeTearDown]
    public async Task StopService() => await _api.DisposeAsync();

    [Test]
    public async Task A_token_made_in_the_session_works_is_listed_with_its_last_use_and_stops_when_revoked()
    {
        var user = await _api.UserAsync("gore", "NB", Password);
        var browser = _api.Client(cookies: true);
        await browser.LogInAsync(user);
        // The session says who it is and gives the antiforgery token every change must carry.
        var session = await browser.GetAnswerAsync("/api/v1/sesion");
        Assert.That(session.Code, Is.EqualTo(200), session.ToString());
        Assert.That(session.Json.GetProperty("usuario").GetProperty("correo").GetString(), Is.EqualTo(user.Email));
        var antiforgery = session.Json.GetProperty("antifalsificacion").GetString();

        var created = await browser.PostJsonAsync("/api/v1/yo/tokens", """{"nombre": "integración con planilla", "dias": 30}""", antiforgery: antiforgery);
        Assert.That(created.Code, Is.EqualTo(201), created.ToString());
        var token = created.Json.GetProperty("token").GetString()!;
        var id = created.Json.GetProperty("registro").GetProperty("id").GetInt64();
        Assert.That(token, Does.StartWith("foc_"));
        Assert.That(created.Json.GetProperty("registro").TryGetProperty("ultimoUso", out _), Is.False, "not used yet");

        var program = _api.Client();
        var used = await program.GetAnswerAsync($"/api/v1/ciclos/{ApiService.Year}", token);
        Assert.That(used.Code, Is.EqualTo(200), used.ToString());

        var listed = await program.GetAnswerAsync("/api/v1/yo/tokens", token);
        var record = listed.Json.EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id);
        Assert.Multiple(() =>
        {
            Assert.That(record.GetProperty("nombre").GetString(), Is.EqualTo("integración con planilla"));
            Assert.That(record.TryGetProperty("ultimoUso", out var lastUse) ? lastUse.GetString() : null, Is.Not.Null.And.Not.Empty, "its last use is recorded");
            Assert.That(record.GetProperty("vigente").GetBoolean(), Is.True);
            Assert.That(record.GetProperty("prefijo").GetString(), Does.StartWith("foc_").And.Length.LessThan(token.Length), "only its first characters");
            Assert.That(listed.Body, Does.Not.Contain(token), "the token itself is never listed");
        });

        var revoked = await browser.SendAsync(HttpMethod.Delete, $"/api/v1/yo/tokens/{id}", antiforgery: antiforgery);
        Assert.That(revoked.Code, Is.EqualTo(204), revoked.ToString());
        var refused = await program.GetAnswerAsync($"/api/v1/ciclos/{ApiService.Year}", token);
        Assert.That(refused.Code, Is.EqualTo(401), refused.ToString());
        Assert.That(ApiProblemsCheck.Fault(refused), Is.Null);
        var after = await browser.GetAnswerAsync("/api/v1/yo/tokens");
        Assert.That(after.Json.EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id).GetProperty("vigente").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Another_user_s_token_cannot_be_revoked()
    {
        var owner = await _api.UserAsync("gore", "NB");
        var other = await _api.UserAsync("administrador");
        var answer = await _api.Client().SendAsync(HttpMethod.Delete, $"/api/v1/yo/tokens/{owner.TokenId}", other.Token);
        Assert.That(answer.Code, Is.EqualTo(404), answer.ToString());
        Assert.That((await _api.Client().GetAnswerAsync("/api/v1/regiones", owner.Token)).Code, Is.EqualTo(200), "the token still works");
    }

    [Test]
    public async Task A_deactivated_user_is_refused_at_once_by_token_and_by_session()
    {
        var user = await _api.UserAsync("sercotec-regional", "NB", Password);
        var program = _api.Client();
        var browser = _api.Client(cookies: true);
        await browser.LogInAsync(user);
        Assert.That((await program.GetAnswerAsync("/api/v1/regiones", user.Token)).Code, Is.EqualTo(200));
        Assert.That((await browser.GetAnswerAsync("/api/v1/sesion")).Code, Is.EqualTo(200));

        Assert.That(await new UserStore(_api.Database.Store, new FakeClock(_api.StartedAt)).DeactivateAsync(user.Email, Focalizacion.Runtime.Actor.Cli("prueba")), Is.True);

        var byToken = await program.GetAnswerAsync("/api/v1/regiones", user.Token);
        var bySession = await browser.GetAnswerAsync("/api/v1/sesion");
        Assert.Multiple(() =>
        {
            Assert.That(byToken.Code, Is.EqualTo(401), byToken.ToString());
            Assert.That(bySession.Code, Is.EqualTo(401), bySession.ToString());
            Assert.That(ApiProblemsCheck.Fault(byToken), Is.Null);
        });
        var login = await _api.Client().PostJsonAsync("/api/v1/sesion", JsonSerializer.Serialize(new { correo = user.Email, clave = Password }));
        Assert.That(login.Code, Is.EqualTo(401), "nor can it log in again");
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_refused_after()
    {
        var user = await _api.UserAsync("gore", "BI", Password);
        var browser = _api.Client(cookies: true);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await browser.PostJsonAsync("/api/v1/sesion", JsonSerializer.Serialize(new { correo = user.Email, clave = "no es la clave " + attempt }));
            Assert.That(wrong.Code, Is.EqualTo(401), $"attempt {attempt}: {wrong}");
            Assert.That(ApiProblemsCheck.Fault(wrong), Is.Null);
        }
        var right = await browser.PostJsonAsync("/api/v1/sesion", JsonSerializer.Serialize(new { correo = user.Email, clave = Password }));
        Assert.That(right.Code, Is.EqualTo(401), right.ToString());
        Assert.That(right.Json.GetProperty("detail").GetString(), Does.Contain("bloqueada"));
        Assert.That((await browser.GetAnswerAsync("/api/v1/sesion")).Code, Is.EqualTo(401), "no session was opened");
    }

    [Test]
    public async Task The_eleventh_login_attempt_in_a_minute_from_one_address_is_429()
    {
        var from = _api.Client();
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var answer = await from.PostJsonAsync("/api/v1/sesion", JsonSerializer.Serialize(new { correo = "nadie@prueba.example.cl", clave = "cualquier clave " + attempt }));
            Assert.That(answer.Code, Is.EqualTo(401), $"attempt {attempt}: {answer}");
        }
        var limited = await from.PostJsonAsync("/api/v1/sesion", JsonSerializer.Serialize(new { correo = "nadie@prueba.example.cl", clave = "otra" }));
        Assert.That(limited.Code, Is.EqualTo(429), limited.ToString());
        Assert.That(ApiProblemsCheck.Fault(limited), Is.Null);
        var elsewhere = await _api.Client().PostJsonAsync("/api/v1/sesion", JsonSerializer.Serialize(new { correo = "nadie@prueba.example.cl", clave = "otra" }));
        Assert.That(elsewhere.Code, Is.EqualTo(401), "the limit is per address");
    }

    [Test]
    public async Task A_change_with_the_session_cookie_but_without_the_antiforgery_header_is_400_naming_it()
    {
        var user = await _api.UserAsync("gore", "NB", Password);
        var browser = _api.Client(cookies: true);
        var antiforgery = await browser.LogInAsync(user);
        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Post, "/api/v1/yo/tokens", """{"nombre": "sin cabecera"}"""),
            (HttpMethod.Post, $"/api/v1/ciclos/{ApiService.Year}/NB/eventos", """{"evento": "focalizacion-final-recibida", "conforme": true}"""),
            (HttpMethod.Delete, $"/api/v1/yo/tokens/{user.TokenId}", null),
            (HttpMethod.Delete, "/api/v1/sesion", null),
        })
        {
            var answer = await browser.SendAsync(method, path, content: body is null ? null : ApiRequests.Json(body));
            Assert.That(answer.Code, Is.EqualTo(400), $"{method} {path}: {answer}");
            Assert.That(answer.Json.GetProperty("campo").GetString(), Is.EqualTo("X-CSRF-TOKEN"));
            Assert.That(answer.Json.GetProperty("detail").GetString(), Does.Contain("X-CSRF-TOKEN"));
            var wrongToken = await browser.SendAsync(method, path, content: body is null ? null : ApiRequests.Json(body), antiforgery: "no-es-el-token");
            Assert.That(wrongToken.Code, Is.EqualTo(400), $"{method} {path} with a wrong token: {wrongToken}");
        }
        Assert.That((await _api.Client().GetAnswerAsync("/api/v1/regiones", user.Token)).Code, Is.EqualTo(200), "nothing was changed: the token was not revoked");
        var logout = await browser.SendAsync(HttpMethod.Delete, "/api/v1/sesion", antiforgery: antiforgery);
        Assert.That(logout.Code, Is.EqualTo(204), logout.ToString());
        Assert.That((await browser.GetAnswerAsync("/api/v1/sesion")).Code, Is.EqualTo(401), "logged out");
    }

    [Test]
    public async Task An_event_recorded_with_a_token_is_journaled_with_the_user_role_region_via_api_and_address()
    {
        var gore = await _api.UserAsync("gore", "NB");
        // From the system's own choice of address: 127.0.0.1.
        var client = _api.Client(source: null);
        var recorded = await client.PostJsonAsync($"/api/v1/ciclos/{ApiService.Year}/NB/eventos", """{"evento": "focalizacion-preliminar-recibida"}""", gore.Token);
        Assert.That(recorded.Code, Is.EqualTo(201), recorded.ToString());

        var actor = await EventActorAsync(client, gore, withToken: true, "NB", "focalizacion-preliminar-recibida");
        Assert.Multiple(() =>
        {
            Assert.That(actor.GetProperty("nombre").GetString(), Is.EqualTo(gore.Email));
            Assert.That(actor.GetProperty("rol").GetString(), Is.EqualTo("gore"));
            Assert.That(actor.GetProperty("region").GetString(), Is.EqualTo("NB"));
            Assert.That(actor.GetProperty("via").GetString(), Is.EqualTo("api"));
            Assert.That(actor.GetProperty("direccion").GetString(), Is.EqualTo("127.0.0.1"));
        });
    }

    [Test]
    public async Task An_event_recorded_in_the_browser_session_is_journaled_via_web()
    {
        var gore = await _api.UserAsync("gore", "BI", Password);
        var browser = _api.Client(source: null, cookies: true);
        var antiforgery = await browser.LogInAsync(gore);
        var recorded = await browser.PostJsonAsync($"/api/v1/ciclos/{ApiService.Year}/BI/eventos", """{"evento": "focalizacion-preliminar-recibida"}""", antiforgery: antiforgery);
        Assert.That(recorded.Code, Is.EqualTo(201), recorded.ToString());

        var actor = await EventActorAsync(browser, gore, withToken: false, "BI", "focalizacion-preliminar-recibida");
        Assert.Multiple(() =>
        {
            Assert.That(actor.GetProperty("nombre").GetString(), Is.EqualTo(gore.Email));
            Assert.That(actor.GetProperty("rol").GetString(), Is.EqualTo("gore"));
            Assert.That(actor.GetProperty("region").GetString(), Is.EqualTo("BI"));
            Assert.That(actor.GetProperty("via").GetString(), Is.EqualTo("web"));
            Assert.That(actor.GetProperty("direccion").GetString(), Is.EqualTo("127.0.0.1"));
        });
    }

    /// <summary>The actor of the region's journal line where <paramref name="user"/>'s <paramref name="eventName"/> was taken, read with its token or the client's session.</summary>
    private static async Task<JsonElement> EventActorAsync(HttpClient client, ApiUser user, bool withToken, string region, string eventName)
    {
        var journal = await client.GetAnswerAsync($"/api/v1/ciclos/{ApiService.Year}/{region}/diario?limite=500", withToken ? user.Token : null);
        Assert.That(journal.Code, Is.EqualTo(200), journal.ToString());
        // The message's own line: «mensaje «focalizacion-preliminar-recibida»» with the user as actor.
        var lines = journal.Json.GetProperty("lineas").EnumerateArray()
            .Where(l => l.TryGetProperty("evento", out var e) && e.GetString()!.Contains(eventName, StringComparison.Ordinal)
                && l.GetProperty("actor").GetProperty("nombre").GetString() == user.Email).ToList();
        Assert.That(lines, Is.Not.Empty, $"a line of {eventName} by {user.Email}:\n{journal}");
        return lines[0].GetProperty("actor").Clone();
    }
}
