using System.Net;

namespace Focalizacion.Service.Tests.Api;

/// <summary><c>/api/v1/usuarios</c> on the running service: list, create with <c>usuario crear</c>'s checks, deactivate, and who may.</summary>
[TestFixture]
[NonParallelizable]
public sealed class UsuariosApiTests : ApiServiceFixture
{

    [Test]
    public async Task An_auditor_lists_the_users_with_role_region_and_whether_active()
    {
        using var response = await Api.GetAsync("/api/v1/usuarios", AdminApiService.Auditor);
        var users = (await AdminApiService.ReadAsync(response, HttpStatusCode.OK)).EnumerateArray().ToList();
        var gore = users.Single(u => u.GetProperty("correo").GetString() == AdminApiService.GoreNb);
        Assert.Multiple(() =>
        {
            Assert.That(users.Select(u => u.GetProperty("correo").GetString()), Is.SupersetOf(new[] { AdminApiService.Admin, AdminApiService.Auditor, AdminApiService.GoreBi }));
            Assert.That(gore.GetProperty("id").GetInt64(), Is.EqualTo(Api.UserIds[AdminApiService.GoreNb]));
            Assert.That(gore.GetProperty("rol").GetString(), Is.EqualTo("gore"));
            Assert.That(gore.GetProperty("region").GetString(), Is.EqualTo("NB"));
            Assert.That(gore.GetProperty("activo").GetBoolean(), Is.True);
            Assert.That(gore.GetProperty("creado").GetString(), Does.EndWith("+00:00"));
            Assert.That(users.Where(u => u.TryGetProperty("clave", out _) || u.TryGetProperty("claveHash", out _)), Is.Empty, "no password, not even hashed");
        });
    }

    [Test]
    public async Task A_created_user_gets_the_normalised_region_and_run_and_logs_in_with_the_password()
    {
        using var created = await Api.PostAsync("/api/v1/usuarios", AdminApiService.Admin,
            """{ "correo": "ana.perez@gore-nuble.cl", "rol": "gore", "region": "nuble", "nombre": "Ana Pérez", "run": "12.345.678-5", "clave": "una clave bien larga" }""");
        var user = await AdminApiService.ReadAsync(created, HttpStatusCode.Created);
        using var login = await Api.PostAsync("/api/v1/sesion", null, """{ "correo": "ana.perez@gore-nuble.cl", "clave": "una clave bien larga" }""");
        Assert.Multiple(async () =>
        {
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/usuarios/{user.GetProperty("id").GetInt64()}"));
            Assert.That(user.GetProperty("region").GetString(), Is.EqualTo("NB"));
            Assert.That(user.GetProperty("run").GetString(), Is.EqualTo("12345678-5"));
            Assert.That(user.GetProperty("nombre").GetString(), Is.EqualTo("Ana Pérez"));
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), await login.Content.ReadAsStringAsync());
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM usuarios WHERE correo = 'ana.perez@gore-nuble.cl' AND creado_por = '{AdminApiService.Admin} (api)'"), Is.EqualTo(1));
        });
    }

    [TestCase("""{ "correo": "x@sercotec.cl", "rol": "jefe" }""", HttpStatusCode.BadRequest, "rol")] // not a role of the service
    [TestCase("""{ "correo": "x@sercotec.cl", "rol": "gore" }""", HttpStatusCode.BadRequest, "region")] // a regional role needs its region
    [TestCase("""{ "correo": "x@sercotec.cl", "rol": "auditor", "region": "NB" }""", HttpStatusCode.BadRequest, "region")] // a national role takes none
    [TestCase("""{ "correo": "no es un correo", "rol": "auditor" }""", HttpStatusCode.BadRequest, "correo")] // not an address
    [TestCase("""{ "correo": "x@sercotec.cl", "rol": "auditor", "run": "12.345.678-9" }""", HttpStatusCode.BadRequest, "run")] // a wrong check digit
    [TestCase("""{ "correo": "x@sercotec.cl", "rol": "auditor", "clave": "corta" }""", HttpStatusCode.BadRequest, "clave")] // too short a password
    [TestCase("""{ "correo": "x@sercotec.cl", "rol": "auditor", "password": "una clave bien larga" }""", HttpStatusCode.BadRequest, "password")] // an English field is not silently dropped
    [TestCase("""{ "rol": "auditor" }""", HttpStatusCode.BadRequest, "correo")] // nobody
    [TestCase("""{ "correo": "AUDITOR@sercotec.ejemplo.cl", "rol": "auditor" }""", HttpStatusCode.Conflict, "correo")] // taken, whatever the case
    public async Task A_bad_user_is_refused_naming_the_field_and_nothing_is_created(string body, HttpStatusCode status, string field)
    {
        var before = await Api.Database.ScalarAsync("SELECT count(*) FROM usuarios");
        using var response = await Api.PostAsync("/api/v1/usuarios", AdminApiService.Admin, body);
        var problem = await AdminApiService.ProblemAsync(response);
        Assert.Multiple(async () =>
        {
            Assert.That(problem.Status, Is.EqualTo(status), problem.Detail);
            Assert.That(problem.Field, Is.EqualTo(field));
            Assert.That(problem.Detail, Does.StartWith(field + ": "));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM usuarios"), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_deactivated_users_token_stops_working_at_once_and_nobody_deactivates_themselves()
    {
        using var before = await Api.GetAsync("/api/v1/regiones", AdminApiService.RegionalNb);
        using var deactivated = await Api.PostAsync($"/api/v1/usuarios/{Api.UserIds[AdminApiService.RegionalNb]}/desactivar", AdminApiService.Admin);
        var user = await AdminApiService.ReadAsync(deactivated, HttpStatusCode.OK);
        using var after = await Api.GetAsync("/api/v1/regiones", AdminApiService.RegionalNb);
        using var self = await Api.PostAsync($"/api/v1/usuarios/{Api.UserIds[AdminApiService.Admin]}/desactivar", AdminApiService.Admin);
        using var missing = await Api.PostAsync("/api/v1/usuarios/999999/desactivar", AdminApiService.Admin);
        Assert.Multiple(async () =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(user.GetProperty("activo").GetBoolean(), Is.False);
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await AdminApiService.ProblemAsync(self)).Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await AdminApiService.ProblemAsync(missing)).Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM usuarios WHERE correo = '{AdminApiService.Admin}' AND activo"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_auditor_reads_but_creates_nobody_and_sercotec_central_reads_no_users()
    {
        using var auditor = await Api.PostAsync("/api/v1/usuarios", AdminApiService.Auditor, """{ "correo": "y@sercotec.cl", "rol": "auditor" }""");
        using var deactivate = await Api.PostAsync($"/api/v1/usuarios/{Api.UserIds[AdminApiService.GoreBi]}/desactivar", AdminApiService.Auditor);
        using var central = await Api.GetAsync("/api/v1/usuarios", AdminApiService.Central);
        Assert.Multiple(async () =>
        {
            Assert.That(auditor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(deactivate.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(central.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM usuarios WHERE correo = 'y@sercotec.cl' OR (correo = 'gore.bi@gore.ejemplo.cl' AND NOT activo)"), Is.Zero);
        });
    }
}
