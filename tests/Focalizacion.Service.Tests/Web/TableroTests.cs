using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>The board (<c>/</c>) in Chromium: who sees which regions, the cells in words, filters, exports.</summary>
[TestFixture]
public sealed class TableroTests : WebFixture
{
    [Test]
    public async Task Central_staff_log_in_and_see_the_16_regions_with_every_milestone_in_words()
    {
        await LogInAsync(AdminApiService.Central);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Page.TitleAsync(), Does.StartWith("Tablero 2027"));
            Assert.That(await Page.Locator("table.tablero tbody tr").CountAsync(), Is.EqualTo(16));
            Assert.That(await Page.Locator("table.tablero thead th").AllInnerTextsAsync(), Has.Some.Contains("Focalización final"));
            // Every cell says its state in words, not only by colour.
            var states = await Page.Locator("table.tablero td .estado").AllInnerTextsAsync();
            Assert.That(states, Has.Count.EqualTo(16 * 6));
            Assert.That(states, Is.All.AnyOf("cumplido", "pendiente", "vence hoy", "vencido", "vencido sin registro", "no aplica"));
            Assert.That(await Page.Locator("tr[data-region='NB'] td[data-hito='focalizacion-final']").InnerTextAsync(),
                Does.Contain("pendiente").And.Contain("vence el 30-12-2026").And.Contain("días hábiles"));
            Assert.That(await Page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).InnerTextAsync(), Does.Not.Contain("Administración"));
        });
        await CheckPageAsync("tablero-sercotec-central");
    }

    [Test]
    public async Task A_GORE_sees_only_its_own_region()
    {
        await LogInAsync(AdminApiService.GoreNb);
        var rows = Page.Locator("table.tablero tbody tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(1));
        Assert.That(await rows.First.GetAttributeAsync("data-region"), Is.EqualTo("NB"));
        await Page.SetViewportSizeAsync(390, 844); // a phone
        await CheckPageAsync("tablero-gore-telefono");
    }

    [Test]
    public async Task Sercotec_regional_staff_see_their_region_and_record_nothing()
    {
        await LogInAsync(AdminApiService.RegionalNb);
        var menu = await Page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).InnerTextAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.Locator("table.tablero tbody tr").CountAsync(), Is.EqualTo(1));
            Assert.That(await Page.Locator("table.tablero tbody tr").First.GetAttributeAsync("data-region"), Is.EqualTo("NB"));
            Assert.That(menu, Does.Contain("Diario").And.Contain("Oficios").And.Not.Contain("Registrar").And.Not.Contain("Administración"));
        });
        var answer = await Page.GotoAsync("/registrar");
        Assert.That(answer!.Status, Is.EqualTo(403));
    }

    [Test]
    public async Task Filters_narrow_the_board_and_a_bad_filter_is_named_in_Spanish()
    {
        await LogInAsync(AdminApiService.Admin);
        await Page.GetByLabel("Hito", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Focalización final" });
        await Page.GetByLabel("Estado", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "pendiente" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Aplicar" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("hito=focalizacion-final", StringComparison.Ordinal));
        Assert.That(await Page.Locator("table.tablero thead th").CountAsync(), Is.EqualTo(2), "the region and one milestone");
        Assert.That(await Page.Locator("table.tablero td .estado").AllInnerTextsAsync(), Is.All.EqualTo("pendiente"));
        await CheckPageAsync("tablero-filtrado");

        await Page.GotoAsync("/?anio=1990&estado=perdido");
        var alert = await Page.GetByRole(AriaRole.Alert).InnerTextAsync();
        Assert.That(alert, Does.Contain("Año presupuestario: 1990 está fuera del calendario").And.Contain("Estado: «perdido» no es un estado"));
    }

    [Test]
    public async Task The_exports_hold_exactly_what_the_page_shows()
    {
        await LogInAsync(AdminApiService.Auditor, "/?hito=focalizacion-preliminar");
        var shownRegions = await Page.Locator("table.tablero tbody th a").AllInnerTextsAsync();
        var shownStates = await Page.Locator("table.tablero td .estado").AllInnerTextsAsync();
        var shownDetails = await Page.Locator("table.tablero td .celda__detalle").First.InnerTextAsync();

        var (csvName, csvBytes) = await DownloadAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Descargar CSV" }));
        var csv = Encoding.UTF8.GetString(csvBytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(csvName, Is.EqualTo("tablero-2027.csv"));
            Assert.That(csv[0], Does.StartWith("Región;Código;Estado del ciclo;focalizacion-preliminar: estado;focalizacion-preliminar: detalle"));
            Assert.That(csv.Skip(1).Select(line => line.Split(';')[0]), Is.EqualTo(shownRegions));
            Assert.That(csv.Skip(1).Select(line => line.Split(';')[3]), Is.EqualTo(shownStates));
            Assert.That(csv[1], Does.Contain(shownDetails.Split(';')[0]));
        });

        var (xlsxName, xlsxBytes) = await DownloadAsync(Page.GetByRole(AriaRole.Link, new() { Name = "Descargar XLSX" }));
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsxBytes), false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(xlsxName, Is.EqualTo("tablero-2027.xlsx"));
            Assert.That(rows, Has.Count.EqualTo(shownRegions.Count + 1));
            Assert.That(rows.Skip(1).Select(r => r[0]), Is.EqualTo(shownRegions));
            Assert.That(rows.Skip(1).Select(r => r[3]), Is.EqualTo(shownStates));
        });
    }

    [Test]
    public async Task The_login_page_refuses_a_wrong_password_in_words()
    {
        await Page.GotoAsync("/ingresar");
        await Page.GetByLabel("Correo electrónico").FillAsync(AdminApiService.Central);
        await Page.GetByLabel("Clave").FillAsync("no-es-la-clave");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ingresar", Exact = true }).ClickAsync();
        Assert.That(await Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("clave").IgnoreCase);
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/ingresar"));
        await CheckPageAsync("ingresar-error");
    }
}
