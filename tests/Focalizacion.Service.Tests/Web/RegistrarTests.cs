using System.Net;
using Focalizacion.Service.Tests.Api;
using Focalizacion.Testing;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>
/// Recording cycle events through the pages, and the oficios they let leave: Ñuble's preliminary
/// and observations are recorded through the API first (at the fixture's clock the cycle waits for
/// the preliminary), so its montos preliminares are what the cycle expects from Sercotec.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RegistrarTests : WebFixture
{
    private protected override async Task StartedAsync()
    {
        using var preliminar = await Api.PostAsync("/api/v1/ciclos/2027/NB/eventos", AdminApiService.GoreNb, """{"evento":"focalizacion-preliminar-recibida"}""");
        Assert.That(preliminar.StatusCode, Is.EqualTo(HttpStatusCode.Created), await preliminar.Content.ReadAsStringAsync());
        using var observaciones = await Api.PostAsync("/api/v1/ciclos/2027/NB/eventos", AdminApiService.Central, """{"evento":"observaciones-enviadas"}""");
        Assert.That(observaciones.StatusCode, Is.EqualTo(HttpStatusCode.Created), await observaciones.Content.ReadAsStringAsync());
        var sent = await Eventually.WithinAsync(TimeSpan.FromSeconds(60), async () =>
            await Api.Database.ScalarAsync("SELECT count(*) FROM correos WHERE region = 'NB' AND tipo = 'oficio' AND hito = 'observaciones-sercotec' AND estado = 'enviado'") == 1);
        Assert.That(sent, Is.True, "the oficio de observaciones was sent\n" + Api.Service.Output);
    }

    [Test]
    public async Task Central_records_the_montos_preliminares_of_Nuble_and_the_board_says_cumplido()
    {
        await LogInAsync(AdminApiService.Central, "/registrar/2027/NB");
        Assert.That(await Page.Locator("[data-espera]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.espera)"), Does.Contain("montos-preliminares-registrados"));
        var form = Page.Locator("section.registro").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Sercotec registra los montos preliminares" }) });
        await form.GetByLabel("Crece").FillAsync("150.000.000");
        await form.GetByLabel("Juntos").FillAsync("42500000");
        await CheckPageAsync("registrar");
        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("registrado=", StringComparison.Ordinal));
        Assert.That(await Page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Se registró «Sercotec registra los montos preliminares»"));

        await Page.GetByRole(AriaRole.Link, new() { Name = "Ver el tablero 2027" }).ClickAsync();
        Assert.That(await Page.Locator("tr[data-region='NB'] td[data-hito='montos-preliminares'] .estado").InnerTextAsync(), Is.EqualTo("cumplido"));
        Assert.That(await Api.Database.ScalarAsync(
            "SELECT count(*) FROM journal WHERE region = 'NB' AND actor = 'central@sercotec.ejemplo.cl' AND via = 'web' AND event LIKE '%montos-preliminares-registrados%'"), Is.Positive, "journaled with the web actor");
    }

    [Test]
    public async Task A_bad_amount_is_refused_naming_the_instrument_and_nothing_is_recorded()
    {
        var before = await Api.Database.ScalarAsync("SELECT count(*) FROM journal WHERE region = 'BI'");
        await LogInAsync(AdminApiService.Central, "/registrar/2027/BI");
        var form = Page.Locator("section.registro").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Sercotec registra el presupuesto exploratorio por instrumento" }) });
        await form.GetByLabel("Mejora Negocios").FillAsync("12,5 millones");
        await form.GetByRole(AriaRole.Button).ClickAsync();
        var field = Page.Locator("#presupuesto-exploratorio-registrado-monto-2");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("No se registró nada").And.Contain("Mejora Negocios: «12,5 millones» no es un monto en pesos"));
            Assert.That(await field.GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
            Assert.That(await Page.Locator("#" + await field.GetAttributeAsync("aria-describedby")).InnerTextAsync(), Does.Contain("Mejora Negocios"));
            Assert.That(await field.InputValueAsync(), Is.EqualTo("12,5 millones"), "what was written is shown again");
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM journal WHERE region = 'BI'"), Is.EqualTo(before), "nothing was recorded");
        });
        await CheckPageAsync("registrar-error");
    }

    [Test]
    public async Task The_cycle_refuses_in_words_an_event_it_does_not_wait_for()
    {
        // Biobío's cycle waits for the preliminary, not yet for the observations: the recorder's refusal, shown as it words it.
        await LogInAsync(AdminApiService.Central, "/registrar/2027/BI");
        Assert.That(await Page.Locator("[data-espera='observaciones-enviadas']").CountAsync(), Is.Zero);
        var form = Page.Locator("section.registro").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Sercotec registra sus observaciones a la preliminar" }) });
        await form.GetByRole(AriaRole.Button).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.StartWith("No se registró nada:").And.Contain("observaciones-enviadas"));
        await CheckPageAsync("registrar-rechazo");
    }

    [Test]
    public async Task A_GORE_sees_only_the_GORE_events_and_only_its_region()
    {
        await LogInAsync(AdminApiService.GoreNb, "/registrar");
        var headings = await Page.Locator("section.registro h2").AllInnerTextsAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(headings, Is.EqualTo(new[] { "Se recibe la focalización preliminar del GORE", "Se recibe la focalización final con la aprobación del CORE" }));
            Assert.That(await Page.Locator("select#region").CountAsync(), Is.Zero, "one region: no choice");
            Assert.That(await Page.GetByRole(AriaRole.Heading, new() { Name = "Qué espera ahora el ciclo de Ñuble" }).CountAsync(), Is.EqualTo(1));
            Assert.That(await Page.GetByText("¿La focalización final cumple los requisitos?").CountAsync(), Is.EqualTo(1));
        });
        var other = await Page.GotoAsync("/registrar/2027/BI");
        Assert.That(other!.Status, Is.EqualTo(404), "another region is not found");
        Assert.That(await other.TextAsync(), Does.Contain("No encontrado"), "the Spanish status page");
        var missing = await Page.GotoAsync("/no-existe");
        Assert.That(await missing!.TextAsync(), Does.Contain("No encontrado"), "the Spanish status page for a path");
    }

    [Test]
    public async Task The_oficios_list_shows_the_sent_oficio_and_its_page_shows_the_message_as_sent()
    {
        await LogInAsync(AdminApiService.Auditor, "/oficios?region=NB&hito=observaciones-sercotec");
        var row = Page.Locator("table.oficios tbody tr").First;
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await row.GetAttributeAsync("data-region"), Is.EqualTo("NB"));
            Assert.That(await row.InnerTextAsync(), Does.Contain("Ñuble").And.Contain("enviado").And.Match(@"N° \d+/2026").And.Contain("hora continental"));
        });
        await CheckPageAsync("oficios");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/oficios/", StringComparison.Ordinal));
        var text = await Page.Locator("pre.mensaje").InnerTextAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Page.Locator("h1").InnerTextAsync(), Does.Match(@"Oficio N° \d+/2026"));
            Assert.That(text, Does.Contain("OFICIO N°").And.Contain("Hemos recibido la focalización preliminar del Gobierno Regional de Ñuble"));
            Assert.That(await Page.Locator("main").InnerTextAsync(), Does.Contain("Message-ID").And.Contain("@"));
            Assert.That(await Page.GetByRole(AriaRole.Link, new() { Name = "Ver el ciclo 2027 de Ñuble" }).GetAttributeAsync("href"), Is.EqualTo("/ciclos/2027/NB"));
        });
        await CheckPageAsync("oficio");

        await Page.GotoAsync("/oficios?buscar=no-existe-tal-cosa&estado=perdido");
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("Estado del envío: «perdido» no es un estado"));
        Assert.That(await Page.GetByText("No hay oficios con esos filtros.").CountAsync(), Is.EqualTo(1));
    }
}
