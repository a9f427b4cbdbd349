using System.Text;
using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>One region's cycle page and the journal pages in Chromium: real content, the diagram drawn, paging, the CSV.</summary>
[TestFixture]
public sealed class CicloTests : WebFixture
{
    /// <summary>Sercotec central records NB's exploratory budget: the cycle then sends its oficio to the GORE.</summary>
    [OneTimeSetUp]
    public async Task RecordTheBudgetAsync()
    {
        using var recorded = await Api.PostAsync("/api/v1/ciclos/2027/NB/eventos", AdminApiService.Central, """{"evento":"presupuesto-exploratorio-registrado"}""");
        await AdminApiService.ReadAsync(recorded, System.Net.HttpStatusCode.Created);
        // The outbox sends it shortly after.
        for (var i = 0; i < 50 && await Api.Database.ScalarAsync("SELECT count(*) FROM correos WHERE region = 'NB' AND tipo = 'oficio' AND estado = 'enviado'") == 0; i++)
        {
            await Task.Delay(200);
        }
    }

    [Test]
    public async Task A_GORE_sees_its_cycle_with_milestones_oficios_as_sent_and_the_diagram()
    {
        await LogInAsync(AdminApiService.GoreNb, "/ciclos/2027/NB");
        var milestones = Page.Locator("ol.linea-tiempo > li");
        var oficio = Page.Locator("article.correo[data-tipo='oficio']").First;
        await Page.Locator(".diagrama svg").First.WaitForAsync();
        await Page.Locator(".diagrama .foc-esperando").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Page.Locator("h1").InnerTextAsync(), Does.Contain("Ciclo 2027").And.Contain("Ñuble"));
            Assert.That(await Page.GetByRole(AriaRole.Navigation, new() { Name = "Migas de pan" }).InnerTextAsync(), Does.Contain("Tablero").And.Contain("Ñuble"));
            Assert.That(await milestones.CountAsync(), Is.EqualTo(6));
            Assert.That(await Page.Locator("ol.linea-tiempo > li .estado").AllInnerTextsAsync(),
                Is.All.AnyOf("cumplido", "pendiente", "vence hoy", "vencido", "vencido sin registro", "no aplica"));
            Assert.That(await Page.Locator("ol.linea-tiempo > li[data-hito='focalizacion-final']").InnerTextAsync(),
                Does.Contain("miércoles 30 de diciembre de 2026").And.Contain("00:00 (hora continental)"));
            Assert.That(await oficio.Locator("dl").InnerTextAsync(), Does.Match(@"oficio N° \d+/\d{4}"));
            Assert.That(await oficio.Locator(".destinatarios li").CountAsync(), Is.GreaterThan(0));
            Assert.That(await oficio.Locator(".destinatarios li").First.InnerTextAsync(), Does.Contain("@"));
            Assert.That(await oficio.InnerTextAsync(), Does.Contain("enviado el"));
            Assert.That(await oficio.Locator("pre.mensaje").TextContentAsync(), Does.Contain("Ñuble"), "the text as it was sent");
            Assert.That(await Page.Locator(".diagrama a.bjs-powered-by").CountAsync(), Is.EqualTo(1), "bpmn.io's watermark stays");
            Assert.That(await Page.Locator("[data-diagrama-estado]").InnerTextAsync(), Does.StartWith("Marcados en el diagrama"));
            Assert.That(await Page.GetByRole(AriaRole.Link, new() { Name = "Ver el diario de este ciclo" }).GetAttributeAsync("href"), Is.EqualTo("/ciclos/2027/NB/diario"));
            // What people read: the elements' names, not their ids; moments in words and local time, not ISO instants.
            Assert.That(await Page.Locator(".diagrama-contenedor p").First.InnerTextAsync(), Does.Match(@"El flujo espera en: «[^»]+»(, «[^»]+»)*\."));
            var skipped = await Page.Locator("h3:text-is('Avisos omitidos') + ul > li").AllInnerTextsAsync();
            Assert.That(skipped, Is.Not.Empty, "the cycle started on 20 November, after some of its reminders");
            Assert.That(skipped, Is.All.Not.Match(@"\d{4}-\d{2}-\d{2}T").And.All.Match(@"vencía el \w+ \d+ de \w+ de \d{4}, \d{2}:\d{2} \(hora continental\)"));
        });
        await oficio.Locator("summary").ClickAsync();
        await CheckPageAsync("ciclo-region");
    }

    [Test]
    public async Task Another_regions_cycle_is_not_found_for_a_GORE()
    {
        await LogInAsync(AdminApiService.GoreNb);
        var answer = await Page.GotoAsync("/ciclos/2027/BI");
        Assert.That(answer!.Status, Is.EqualTo(404));
        Assert.That(await Page.Locator("h1").InnerTextAsync(), Is.EqualTo("No encontrado"));
        var diagram = await Page.GotoAsync("/ciclos/2027/BI?handler=Diagrama");
        Assert.That(diagram!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task The_journal_filters_by_kind_and_pages_back_and_forth_without_overlap()
    {
        await LogInAsync(AdminApiService.Auditor, "/diario");
        Assert.That(await Page.Locator(".aviso").First.InnerTextAsync(), Does.Contain("diario completo"));
        await Page.GetByLabel("Tipo", new() { Exact = true }).SelectOptionAsync("temporizador-programado");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("tipo=temporizador-programado", StringComparison.Ordinal));
        var first = await IdsAsync();
        Assert.That(await Page.Locator("table.diario tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.tipo)"), Is.All.EqualTo("temporizador-programado"));
        Assert.That(first, Has.Count.EqualTo(50));
        Assert.That(first, Is.Ordered.Descending);
        await CheckPageAsync("diario");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Más antiguos" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("antesDe=", StringComparison.Ordinal));
        var second = await IdsAsync();
        Assert.That(second, Is.Not.Empty);
        Assert.That(second.Max(), Is.LessThan(first.Min()), "the next page holds only older lines");
        Assert.That(await Page.Locator("table.diario tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.tipo)"), Is.All.EqualTo("temporizador-programado"));

        await Page.GetByRole(AriaRole.Link, new() { Name = "Más recientes" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("despuesDe=", StringComparison.Ordinal));
        Assert.That(await IdsAsync(), Is.EqualTo(first), "back to the first page");

        await Page.GotoAsync("/diario?desde=ayer&texto=" + new string('x', 201));
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("Desde: «ayer» no es una fecha"));
        await Page.GotoAsync("/diario?anio=dos&tipo=nada");
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("Año presupuestario: «dos» no es un número").And.Contain("Tipo: «nada»"));
    }

    [Test]
    public async Task A_cycles_journal_exports_the_filtered_lines_and_a_GORE_is_told_what_it_sees()
    {
        await LogInAsync(AdminApiService.GoreNb, "/ciclos/2027/NB/diario?tipo=mensaje-recibido");
        var shown = await IdsAsync();
        var (name, bytes) = await DownloadAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Descargar CSV" }));
        var csv = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(name, Is.EqualTo("diario-2027-NB.csv"));
            Assert.That(csv[0], Does.StartWith("Línea;Fecha y hora;Región;Quién;Tipo"));
            Assert.That(csv.Skip(1).Select(l => long.Parse(l.Split(';')[0], System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(shown));
            Assert.That(csv.Skip(1).Select(l => l.Split(';')[4]), Is.All.EqualTo("mensaje-recibido"));
            Assert.That(csv.Skip(1).Select(l => l.Split(';')[2]), Is.All.EqualTo("NB"));
        });
        await Page.GotoAsync("/ciclos/2027/NB/diario");
        Assert.That(await Page.Locator("table.diario tbody tr").CountAsync(), Is.GreaterThan(0));
        await CheckPageAsync("diario-ciclo");

        await Page.GotoAsync("/diario");
        Assert.That(await Page.Locator(".aviso").First.InnerTextAsync(), Does.Contain("solo el diario de los ciclos de la región que usted ve: Ñuble"));
        Assert.That(await Page.Locator("table.diario tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.querySelector('td').textContent)"), Is.All.Contains("Ñuble"));
    }

    private async Task<List<long>> IdsAsync() =>
        [.. (await Page.Locator("table.diario tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.linea)")).Select(long.Parse)];
}
