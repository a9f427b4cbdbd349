using System.Text.RegularExpressions;
using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>
/// The designer's simulation panel in Chromium: the final's deadline moved in the properties panel,
/// a year simulated for Ñuble whose GORE never sends the final, the fallback oficio found in the
/// timeline on the changed date, and clicking it selects and marks its service task on the diagram.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class DisenadorSimulacionWebTests : WebFixture
{
    private ILocator Shape(string id) => Page.Locator($".djs-element.djs-shape[data-element-id='{id}']");

    [GeneratedRegex("foc-simulado")]
    private static partial Regex Marked();

    [GeneratedRegex("selected")]
    private static partial Regex Selected();

    [Test]
    public async Task A_draft_with_an_earlier_final_deadline_simulates_its_fallback_oficio_and_the_entry_selects_its_task()
    {
        await LogInAsync(AdminApiService.Admin, "/disenador");
        await Page.Locator("[data-disenador][data-estado='listo']").WaitForAsync();
        await Shape("VenceFinal").ClickAsync();
        await Page.GetByLabel("Regla de plazo", new() { Exact = true }).FillAsync("22 de diciembre");

        await Page.GetByLabel("Regiones", new() { Exact = true }).SelectOptionAsync(["NB"]);
        await Page.GetByLabel("Año a simular", new() { Exact = true }).FillAsync("2027");
        await Page.GetByLabel("Escenario", new() { Exact = true }).SelectOptionAsync("sin-final");
        await Page.GetByLabel("Las regiones tienen focalización del año anterior").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Simular", Exact = true }).ClickAsync();

        var fallback = Page.Locator(".simulacion__linea button[data-elemento='OficioAnterior']");
        await Assertions.Expect(fallback).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        Assert.That(await fallback.InnerTextAsync(), Does.StartWith("23-12-2026 00:00 · Oficio N° ").And.Contain("Ñuble"));
        await Assertions.Expect(Page.Locator(".simulacion__notas")).ToContainTextAsync("ninguno se envió");

        // The timer edited above is the one selected until the entry selects its task.
        await Assertions.Expect(Shape("OficioAnterior")).Not.ToHaveClassAsync(Selected());
        await fallback.ClickAsync();
        await Assertions.Expect(Shape("OficioAnterior")).ToHaveClassAsync(Marked());
        await Assertions.Expect(Shape("OficioAnterior")).ToHaveClassAsync(Selected());
        await CheckPageAsync("disenador-simulacion");
    }
}
