using System.Net;
using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>Administración in Chromium: directory, users, templates with their live preview, definitions; only for administrators.</summary>
[TestFixture]
public sealed class AdministracionTests : WebFixture
{
    [Test]
    public async Task Every_administration_page_opens_for_an_administrator()
    {
        await LogInAsync(AdminApiService.Admin, "/administracion");
        await CheckPageAsync("administracion");
        foreach (var (link, heading, shot) in new[]
        {
            ("Directorio", "Directorio", "administracion-directorio"),
            ("Usuarios", "Usuarios", "administracion-usuarios"),
            ("Plantillas de correo", "Plantillas de correo", "administracion-plantillas"),
            ("Definiciones del flujo", "Definiciones del flujo", "administracion-definiciones"),
        })
        {
            await Page.GotoAsync("/administracion");
            await Page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            Assert.That(await Page.Locator("h1").InnerTextAsync(), Is.EqualTo(heading));
            await CheckPageAsync(shot);
        }
        Assert.That(await Page.Locator("tr[data-definicion] td").AllInnerTextsAsync(), Has.Some.EqualTo("publicada"), "the shipped workflow is listed");
    }

    [Test]
    public async Task Central_staff_get_the_access_denied_page()
    {
        await LogInAsync(AdminApiService.Central);
        var answer = await Page.GotoAsync("/administracion/usuarios");
        Assert.That(answer!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
        Assert.That(await Page.Locator("h1").InnerTextAsync(), Is.EqualTo("Acceso no permitido"));
        await CheckPageAsync("acceso-no-permitido");
    }

    [Test]
    public async Task An_administrator_creates_a_user_after_a_bad_RUN_is_named_and_changes_nothing()
    {
        await LogInAsync(AdminApiService.Admin, "/administracion/usuarios");
        var before = await Api.Database.ScalarAsync("SELECT count(*) FROM usuarios");
        await Page.GetByLabel("Correo electrónico").FillAsync("nueva.persona@gore-nuble.cl");
        await Page.GetByLabel("Nombre", new() { Exact = true }).FillAsync("Nueva Persona");
        await Page.GetByLabel("Rol", new() { Exact = true }).SelectOptionAsync("gore");
        await Page.GetByLabel("Región").SelectOptionAsync("NB");
        await Page.GetByLabel("RUN").FillAsync("12.345.678-9");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear usuario" }).ClickAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("run:").And.Contain("verificador"));
            Assert.That(await Page.Locator("#run-error").InnerTextAsync(), Does.Contain("verificador"), "the error is beside its field");
            Assert.That(await Page.GetByLabel("Correo electrónico").InputValueAsync(), Is.EqualTo("nueva.persona@gore-nuble.cl"), "what was typed is kept");
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM usuarios"), Is.EqualTo(before));
        });
        await CheckPageAsync("administracion-usuarios-error");

        await Page.GetByLabel("RUN").FillAsync("12.345.678-5");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear usuario" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se creó el usuario nueva.persona@gore-nuble.cl"));
        Assert.That(await Page.Locator("tr[data-usuario='nueva.persona@gore-nuble.cl']").InnerTextAsync(), Does.Contain("Ñuble").And.Contain("activo"));

        // Deactivating asks for the confirmation first.
        var row = Page.Locator("tr[data-usuario='nueva.persona@gore-nuble.cl']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Desactivar a nueva.persona@gore-nuble.cl" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("marque la casilla"));
        await row.GetByLabel("Confirmo").CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Desactivar a nueva.persona@gore-nuble.cl" }).ClickAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.Locator("tr[data-usuario='nueva.persona@gore-nuble.cl']").InnerTextAsync(), Does.Contain("desactivado"));
            Assert.That(await Api.Database.ScalarAsync(
                $"SELECT count(*) FROM journal WHERE kind = 'usuario-desactivado' AND actor = '{AdminApiService.Admin}' AND via = 'web' AND details LIKE '%nueva.persona@gore-nuble.cl%'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_template_with_an_error_shows_its_line_as_one_types_and_is_not_saved()
    {
        await LogInAsync(AdminApiService.Admin, "/administracion/plantillas/recordatorio");
        Assert.That(await Page.Locator("[data-vista='asunto']").InnerTextAsync(), Does.Contain("O'Higgins").Or.Contain("Libertador"), "the preview renders the sample data");
        var original = await Page.GetByLabel("Cuerpo de texto").InputValueAsync();
        await Page.GetByLabel("Cuerpo de texto").FillAsync("Estimada autoridad:\n\nSu plazo vence el {{ plazo.fecha \n\nSaludos.");
        // The live preview (the page's script) shows the problem without any button pressed.
        var problem = Page.Locator("#vista-previa li[data-parte='texto']");
        await problem.WaitForAsync();
        Assert.That(await problem.InnerTextAsync(), Does.Contain("línea 3"));
        await CheckPageAsync("administracion-plantilla-error");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.Locator("#texto-error").InnerTextAsync(), Does.Contain("línea 3"), "the saved-form error is beside the part");
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM plantillas WHERE clave = 'recordatorio'"), Is.Zero, "nothing was saved");
        });
        await Page.GotoAsync("/administracion/plantillas/recordatorio");
        Assert.That(await Page.GetByLabel("Cuerpo de texto").InputValueAsync(), Is.EqualTo(original));
    }

    [Test]
    public async Task Guessing_passwords_is_limited_but_the_login_page_always_shows()
    {
        // From an address of its own, so that the limit does not fall on the fixture's other logins.
        using var client = new HttpClient(ApiService.LoopbackHandler(ApiService.NextAddress(), new CookieContainer())) { BaseAddress = Api.Service.Address };
        for (var i = 0; i < 12; i++)
        {
            using var shown = await client.GetAsync(new Uri("/ingresar", UriKind.Relative));
            Assert.That(shown.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"showing the login page, time {i + 1}");
        }
        var page = await client.GetStringAsync(new Uri("/ingresar", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["correo"] = AdminApiService.Central,
                ["clave"] = "no-es-la-clave",
                ["__RequestVerificationToken"] = token,
            });
            using var answer = await client.PostAsync(new Uri("/ingresar", UriKind.Relative), form);
            statuses.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("Demasiados intentos"));
            }
        }
        Assert.That(statuses.Take(10), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(statuses[10], Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task An_administrator_assigns_a_directory_role()
    {
        await LogInAsync(AdminApiService.Admin, "/administracion/directorio");
        await Page.GetByLabel("Lugar", new() { Exact = true }).SelectOptionAsync("NB");
        await Page.GetByLabel("Rol del ciclo", new() { Exact = true }).SelectOptionAsync("gore-contraparte");
        await Page.GetByLabel("Correo electrónico").FillAsync("contraparte.nueva@gore-nuble.cl");
        await Page.GetByLabel("Nombre").FillAsync("Contraparte Nueva");
        await Page.GetByLabel("Cargo").FillAsync("Jefa de División de Fomento");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Asignar" }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("contraparte.nueva@gore-nuble.cl"));
        Assert.That(await Page.Locator("tr[data-lugar='NB'][data-rol='gore-contraparte']").InnerTextAsync(), Does.Contain("Contraparte Nueva"));
    }
}
