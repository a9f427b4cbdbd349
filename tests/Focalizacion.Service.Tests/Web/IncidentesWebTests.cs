using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>The incidents page: a real incident (an oficio whose sending failed) retried by the administrator through its confirmation step; nobody else may.</summary>
[TestFixture]
[NonParallelizable]
public sealed class IncidentesWebTests : WebFixture
{
    private long _incident;

    private protected override async Task StartedAsync() => _incident = await IncidentesApiTests.IncidentAsync(Api, "NB");

    [Test]
    public async Task The_administrator_retries_an_incident_after_confirming_and_it_leaves_the_list_journaled_as_web()
    {
        await LogInAsync(AdminApiService.Admin, "/incidentes");
        var row = Page.Locator($"tr[data-incidente='{_incident}']");
        Assert.That(await row.InnerTextAsync(), Does.Contain("Ñuble · 2027").And.Contain("OficioObservaciones").And.Contain("el servidor no acepta"));
        await CheckPageAsync("incidentes");

        await row.GetByRole(AriaRole.Link, new() { Name = $"Reintentar el incidente {_incident}" }).ClickAsync();
        Assert.That(await Page.Locator("h1").InnerTextAsync(), Is.EqualTo($"¿Reintentar el incidente {_incident}?"));
        Assert.That(await Page.Locator("main").InnerTextAsync(), Does.Contain("vuelve a la bandeja de salida"));
        await CheckPageAsync("incidente-confirmar");

        await Page.GetByRole(AriaRole.Button, new() { Name = $"Sí, reintentar el incidente {_incident}" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("resuelto=", StringComparison.Ordinal));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain($"El incidente {_incident} fue reintentado"));
            Assert.That(await Page.Locator($"tr[data-incidente='{_incident}']").CountAsync(), Is.Zero, "it left the list");
            Assert.That(await Api.Database.ScalarAsync(
                $"SELECT count(*) FROM journal WHERE kind = 'incidente-reintentado' AND actor = '{AdminApiService.Admin}' AND via = 'web'"), Is.EqualTo(1));
        });

        // Confirming again (a second tab, a back button) is not found: the incident is no longer open.
        var again = await Page.GotoAsync($"/incidentes/{_incident}/reintentar");
        Assert.That(again!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task An_auditor_sees_no_buttons_and_a_forged_post_is_refused_with_the_403_page()
    {
        var other = await IncidentesApiTests.IncidentAsync(Api, "BI");
        await LogInAsync(AdminApiService.Auditor, "/incidentes");
        Assert.That(await Page.Locator($"tr[data-incidente='{other}']").CountAsync(), Is.EqualTo(1));
        Assert.That(await Page.GetByRole(AriaRole.Link, new() { Name = "Reintentar", Exact = false }).CountAsync(), Is.Zero);
        Assert.That(await Page.GetByRole(AriaRole.Link, new() { Name = "Omitir", Exact = false }).CountAsync(), Is.Zero);

        var confirm = await Page.GotoAsync($"/incidentes/{other}/omitir");
        Assert.That(confirm!.Status, Is.EqualTo(403), confirm.Url + " " + await confirm.TextAsync());
        // A valid antiforgery token (the logout form's) with the auditor's session: refused by the role, not the token.
        var token = await Page.Locator("input[name='__RequestVerificationToken']").First.InputValueAsync();
        var forged = await Page.APIRequest.PostAsync($"/incidentes/{other}/omitir", new() { Form = Page.APIRequest.CreateFormData().Append("__RequestVerificationToken", token) });
        Assert.That(forged.Status, Is.EqualTo(403));
        Assert.That(await forged.TextAsync(), Does.Contain("</html>").And.Not.Contain("Exception"));
        Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM incidents WHERE id = {other} AND state = 'Open'"), Is.EqualTo(1), "still open");
    }
}
