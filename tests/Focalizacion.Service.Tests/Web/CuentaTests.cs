using System.Net;
using System.Net.Http.Headers;
using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>Mi cuenta in Chromium: personal access tokens (shown once, last use, revoked) and the calendar feed's address.</summary>
[TestFixture]
public sealed class CuentaTests : WebFixture
{
    [Test]
    public async Task A_token_made_on_the_page_reads_the_API_until_it_is_revoked()
    {
        await LogInAsync(AdminApiService.GoreNb, "/cuenta");
        await Page.GetByLabel("Nombre (para qué es)").FillAsync("planilla de seguimiento");
        await Page.GetByLabel("Días de vigencia").FillAsync("30");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear token" }).ClickAsync();
        var token = await Page.GetByLabel("Su nuevo token").InputValueAsync();
        Assert.That(token, Does.StartWith("foc_"));
        await CheckPageAsync("cuenta-token-creado");

        using var program = new HttpClient { BaseAddress = Api.Service.Address };
        program.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var read = await program.GetAsync(new Uri("/api/v1/ciclos/2027/NB", UriKind.Relative)))
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        await Page.GotoAsync("/cuenta");
        var row = Page.Locator("tr", new() { HasText = "planilla de seguimiento" });
        Assert.That(await row.InnerTextAsync(), Does.Contain("vigente").And.Not.Contain("nunca"), "its last use is listed");
        Assert.That(await Page.Locator("#token-nuevo").CountAsync(), Is.Zero, "a token is shown only once");
        await row.GetByRole(AriaRole.Button).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se revocó el token"));
        using var refused = await program.GetAsync(new Uri("/api/v1/ciclos/2027/NB", UriKind.Relative));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_bad_token_request_names_the_field_and_creates_nothing()
    {
        await LogInAsync(AdminApiService.GoreNb, "/cuenta");
        var before = await Api.Database.ScalarAsync("SELECT count(*) FROM tokens_de_acceso");
        await Page.GetByLabel("Nombre (para qué es)").FillAsync("para siempre");
        await Page.GetByLabel("Días de vigencia").FillAsync("5000");
        // The browser's own check (max) would stop it first; a program or an older browser may still send it.
        await Page.EvalOnSelectorAsync("#dias", "e => e.removeAttribute('max')");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Crear token" }).ClickAsync();
        Assert.That(await Page.Locator("#dias-error").InnerTextAsync(), Does.Contain("Días: debe estar entre 1 y 366"));
        Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM tokens_de_acceso"), Is.EqualTo(before));
        await CheckPageAsync("cuenta-error");
    }

    [Test]
    public async Task The_calendar_address_works_without_a_login_and_only_as_issued()
    {
        await LogInAsync(AdminApiService.GoreNb, "/cuenta");
        var links = Page.Locator("tr[data-region] a");
        Assert.That(await links.CountAsync(), Is.EqualTo(1), "a GORE subscribes to its own region only");
        var address = await links.First.GetAttributeAsync("href");
        using var calendarProgram = new HttpClient(); // no cookie, no token: as Outlook or Google Calendar fetch it
        using var feed = await calendarProgram.GetAsync(new Uri(address!));
        var text = await feed.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(feed.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(feed.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/calendar"));
            Assert.That(text, Does.StartWith("BEGIN:VCALENDAR").And.Contain("Ñuble"));
        });
        var tampered = address!.Replace(".ics", "x.ics", StringComparison.Ordinal);
        using var refused = await calendarProgram.GetAsync(new Uri(tampered));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("esta dirección de calendario no vale"));
    }
}
