using Focalizacion.Service.Tests.Api;
using Focalizacion.Testing;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>The oficio's page: its PDF to download, and the Oficina de Partes' DocDigital form.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OficioWebTests : WebFixture
{
    private string _nb = null!;
    private string _bi = null!;

    private protected override async Task StartedAsync() =>
        (_nb, _bi) = (await OficiosDocumentosApiTests.ArchivedOficioAsync(Api, "NB"), await OficiosDocumentosApiTests.ArchivedOficioAsync(Api, "BI"));

    private static string Link(string key) => "/oficios/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    [Test]
    public async Task Sercotec_central_downloads_the_pdf_and_enters_the_docdigital_folio_and_number()
    {
        await LogInAsync(AdminApiService.Central, Link(_nb));

        var (name, pdf) = await DownloadAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Descargar el oficio en PDF" }));
        Assert.That(name, Does.Match(@"^oficio-\d+-\d{4}\.pdf$"));
        Assert.That(PdfText.Words(pdf), Does.Contain("OFICIO N°"));

        await Page.GetByLabel("Folio DocDigital").FillAsync("E-99/2026");
        await Page.GetByLabel("Número DocDigital").FillAsync("77");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Guardar" }).ClickAsync();
        await Page.Locator(".aviso--exito").WaitForAsync();
        Assert.That(await Page.Locator("#docdigital-registro").InnerTextAsync(), Is.EqualTo("folio E-99/2026 · número 77"));
        await CheckPageAsync("oficio-docdigital");

        // Wherever the oficio is: the list and its cycle's page.
        await Page.GotoAsync("/oficios");
        Assert.That(await Page.Locator("table.oficios").InnerTextAsync(), Does.Contain("folio E-99/2026 · número 77"));
        await Page.GotoAsync("/ciclos/2027/NB");
        Assert.That(await Page.Locator("article.correo[data-tipo='oficio']").AllInnerTextsAsync(), Has.Some.Contains("folio E-99/2026 · número 77"));
    }

    [Test]
    public async Task A_gore_gets_its_region_s_pdf_without_the_form_and_not_another_region_s()
    {
        await LogInAsync(AdminApiService.GoreNb, Link(_nb));

        Assert.That(await Page.GetByRole(AriaRole.Link, new() { Name = "Descargar el oficio en PDF" }).CountAsync(), Is.EqualTo(1));
        Assert.That(await Page.Locator("form[action*='handler=DocDigital']").CountAsync(), Is.Zero, "a GORE does not enter DocDigital");
        Assert.That((await Page.GotoAsync(Link(_bi)))!.Status, Is.EqualTo(404));
        Assert.That((await Page.GotoAsync(Link(_bi) + "?handler=Pdf"))!.Status, Is.EqualTo(404));
    }
}
