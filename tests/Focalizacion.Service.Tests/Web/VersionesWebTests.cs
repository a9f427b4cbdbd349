using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>
/// The version pages in Chromium, mid-cycle 2027 (the 16 regions waiting for the montos preliminares):
/// a draft whose montos deadline moved is compared with the published version (that timer coloured as
/// changed, its rule listed, its badge covering no label), published through the confirmation (16
/// instances stay pinned), a cycle started afterwards with <c>ciclo iniciar</c> (Ñuble 2028) runs it
/// while Biobío 2027 keeps version 1's deadline, Ñuble's 2027 cycle migrated to it from the dry run's
/// table, and the live map shows who waits where.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class VersionesWebTests : WebFixture
{
    /// <summary>The shipped cycle with the montos preliminares due on 10 December instead of the first business day.</summary>
    private static byte[] LaterMontos => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ShippedWorkflow.Bpmn.Span).Replace(
        "language=\"plazo\">primer día hábil de diciembre<", "language=\"plazo\">10 de diciembre<", StringComparison.Ordinal));

    [Test]
    public async Task A_changed_deadline_is_compared_published_after_its_confirmation_migrated_for_one_region_and_mapped()
    {
        var content = new ByteArrayContent(LaterMontos);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var uploaded = await Api.SendAsync(HttpMethod.Post, "/api/v1/definiciones", AdminApiService.Admin, content);
        var draft = (await AdminApiService.ReadAsync(uploaded, HttpStatusCode.Created)).GetProperty("id").GetInt64();
        const string Nuble = "SELECT id FROM workflow_instances WHERE correlation_key = 'NB/2027'";

        await LogInAsync(AdminApiService.Admin, "/administracion/definiciones");
        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new("^Versiones") }).ClickAsync();
        Assert.That(await Page.Locator("h1").InnerTextAsync(), Is.EqualTo("Versiones del flujo"));
        Assert.That(await Page.Locator("tr[data-definicion='1']").InnerTextAsync(), Does.Contain("servicio (servicio)"), "who published the shipped version");
        await CheckPageAsync("versiones");

        // Compare: the montos deadline is coloured as changed in both diagrams, and its rule listed.
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Comparar con la vigente (ciclo-focalizacion-regional borrador {draft})" }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-comparar-estado]")).ToContainTextAsync("Marcados en los diagramas");
        var changedTimer = Page.Locator("[data-lado='despues'] g.djs-element[data-element-id='VenceMontos']");
        Assert.Multiple(async () =>
        {
            Assert.That(await changedTimer.GetAttributeAsync("class"), Does.Contain("foc-cambiado"));
            Assert.That(await Page.Locator("[data-lado='antes'] g.djs-element[data-element-id='VenceMontos']").GetAttributeAsync("class"), Does.Contain("foc-cambiado"));
            Assert.That(await Page.Locator("[data-lado='despues'] g.djs-element[data-element-id='EsperaMontos']").GetAttributeAsync("class"), Does.Not.Contain("foc-"), "an unchanged task is not coloured");
            Assert.That(await Page.Locator("tr[data-cambio='VenceMontos']").InnerTextAsync(), Does.Contain("temporizador").And.Contain("primer día hábil de diciembre").And.Contain("10 de diciembre"));
        });
        // Each «cambiado» badge is seen in its diagram and covers none of the diagram's labels (placed
        // 14 px above the timer, it sat inside the montos task, over that task's name).
        foreach (var side in new[] { "antes", "despues" })
        {
            var diagram = Page.Locator($"[data-lado='{side}']");
            var (inside, covered) = await BadgePlaceAsync(diagram.Locator(".djs-overlay .foc-insignia--cambiado"), diagram, diagram.Locator("g.djs-element text"));
            Assert.Multiple(() =>
            {
                Assert.That(inside, Is.True, $"the {side} diagram shows its badge");
                Assert.That(covered, Is.Empty, $"labels the {side} diagram's badge covers");
            });
        }
        await CheckPageAsync("versiones-comparar");

        // Publish through the confirmation, which names the change and the instances that stay pinned.
        await Page.GotoAsync("/disenador/versiones");
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Publicar… (ciclo-focalizacion-regional borrador {draft})" }).ClickAsync();
        var confirmation = Page.Locator("section.confirmacion");
        Assert.Multiple(async () =>
        {
            Assert.That(await confirmation.InnerTextAsync(), Does.Contain("16 instancia(s) corren la versión 1 y seguirán fijadas a ella"));
            Assert.That(await confirmation.Locator("tr[data-cambio='VenceMontos']").InnerTextAsync(), Does.Contain("10 de diciembre"));
        });
        await CheckPageAsync("versiones-confirmar-publicacion");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Sí, publicar el borrador {draft}" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Se publicó «ciclo-focalizacion-regional» versión 2");
        Assert.Multiple(async () =>
        {
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM workflow_definitions WHERE id = {draft} AND version = 2 AND published_by = '{AdminApiService.Admin} (web)'"), Is.EqualTo(1));
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_instances WHERE definition_id = 1 AND status = 'Running'"), Is.EqualTo(16), "publishing moved no instance");
            Assert.That(await Page.Locator($"tr[data-definicion='{draft}']").InnerTextAsync(), Does.Contain($"{AdminApiService.Admin} (web)"), "who published it, in the list");
        });

        // A cycle started afterwards, as the operator starts one (ciclo iniciar), runs version 2: its page
        // gives the montos' new deadline, while a cycle started before keeps version 1's.
        var started = await Api.CliAsync("ciclo", "iniciar", "2028", "--region", "NB", "--json");
        Assert.That(started.ExitCode, Is.Zero, started.Error + started.Output);
        Assert.Multiple(async () =>
        {
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM workflow_instances WHERE correlation_key = 'NB/2028' AND definition_id = {draft} AND status = 'Running'"), Is.EqualTo(1), "Ñuble 2028 is pinned to version 2");
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_instances WHERE correlation_key = 'BI/2027' AND definition_id = 1"), Is.EqualTo(1), "Biobío 2027 stays on version 1");
        });
        await Page.GotoAsync("/ciclos/2028/NB");
        await Page.Locator(".diagrama svg").First.WaitForAsync();
        var laterMontos = await Page.Locator("ol.linea-tiempo > li[data-hito='montos-preliminares']").InnerTextAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.Locator(".estado-ciclo").InnerTextAsync(), Is.EqualTo("en curso"));
            Assert.That(await Page.Locator("[data-version-flujo]").InnerTextAsync(), Is.EqualTo($"{ShippedWorkflow.ProcessKey} versión 2"), "the version it runs, named on its page");
            Assert.That(laterMontos, Does.Contain("viernes 10 de diciembre de 2027").And.Contain("se vence el sábado 11 de diciembre de 2027, 00:00 (hora continental)"));
            Assert.That(laterMontos, Does.Not.Contain("miércoles 1 de diciembre de 2027"), "not version 1's first business day");
        });
        await CheckPageAsync("versiones-ciclo-iniciado-despues");
        await Page.GotoAsync("/ciclos/2027/BI");
        await Page.Locator(".diagrama svg").First.WaitForAsync();
        var earlierMontos = await Page.Locator("ol.linea-tiempo > li[data-hito='montos-preliminares']").InnerTextAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await Page.Locator("[data-version-flujo]").InnerTextAsync(), Is.EqualTo($"{ShippedWorkflow.ProcessKey} versión 1"));
            Assert.That(earlierMontos, Does.Contain("martes 1 de diciembre de 2026").And.Contain("se vence el miércoles 2 de diciembre de 2026, 00:00 (hora continental)"));
            Assert.That(earlierMontos, Does.Not.Contain("10 de diciembre"));
        });
        await CheckPageAsync("versiones-ciclo-iniciado-antes");

        // Migrate Ñuble's cycle only, from the dry run's table.
        await Page.GotoAsync("/disenador/versiones");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Migrar instancias (ciclo-focalizacion-regional versión 1)" }).ClickAsync();
        var rows = Page.Locator("table.migracion tbody tr");
        Assert.That(await rows.CountAsync(), Is.EqualTo(16));
        Assert.That(await rows.Filter(new() { HasText = "Ñuble 2027" }).InnerTextAsync(), Does.Contain("Se migraría").And.Contain("«10 de diciembre» vence"));
        await CheckPageAsync("versiones-migrar-ensayo");
        foreach (var box in await Page.Locator("input[name='instancias']").AllAsync())
        {
            await box.UncheckAsync();
        }
        await Page.GetByLabel("Migrar Ñuble 2027").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Migrar las instancias marcadas") }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Se migraron 1 instancia(s)");
        var nuble = await Api.Database.ScalarAsync($"SELECT count(*) FROM workflow_instances WHERE id = ({Nuble}) AND definition_id = {draft}");
        var due = await Api.Database.ScalarAsync($"SELECT count(*) FROM timers WHERE instance_id = ({Nuble}) AND node_id = 'VenceMontos' AND state = 'Pending' AND due_at = '2026-12-11T03:00:00Z'");
        var others = await Api.Database.ScalarAsync(
            "SELECT count(*) FROM timers t JOIN workflow_instances i ON i.id = t.instance_id WHERE i.definition_id = 1 AND t.node_id = 'VenceMontos' AND t.state = 'Pending' AND t.due_at = '2026-12-02T03:00:00Z'");
        Assert.Multiple(async () =>
        {
            Assert.That(nuble, Is.EqualTo(1), "Ñuble's cycle runs version 2");
            Assert.That(due, Is.EqualTo(1), "its montos now fall due at the end of 10 December");
            Assert.That(others, Is.EqualTo(15), "the other regions keep version 1's deadline, the first business day of December");
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = ({Nuble}) AND kind = 'instancia-migrada' AND actor = '{AdminApiService.Admin}' AND via = 'web'"), Is.EqualTo(1));
        });
        await CheckPageAsync("versiones-migrar-hecho");
        await Page.GotoAsync("/ciclos/2027/NB");
        Assert.That(await Page.Locator("[data-version-flujo]").InnerTextAsync(), Is.EqualTo($"{ShippedWorkflow.ProcessKey} versión 2"), "Ñuble 2027's page names the version it was migrated to");

        // The live map of version 1: 15 regions wait for the montos; a click on that task lists them.
        await Page.GotoAsync("/disenador/mapa/1?anio=2027");
        await Assertions.Expect(Page.Locator("[data-mapa-estado]")).ToContainTextAsync("Instancias que esperan en");
        Assert.That(await Page.Locator(".djs-overlay .foc-insignia--esperan").AllInnerTextsAsync(), Does.Contain("15 esperan"));
        var regions = Page.Locator("#nodo-EsperaMontos");
        Assert.That(await regions.IsHiddenAsync(), Is.True, "the regions show once their node is chosen");
        await Page.Locator("[data-mapa] g.djs-element[data-element-id='EsperaMontos']").ClickAsync();
        await Assertions.Expect(regions).ToBeVisibleAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await regions.GetByRole(AriaRole.Link, new() { Name = "Biobío 2027" }).GetAttributeAsync("href"), Is.EqualTo("/ciclos/2027/BI"));
            Assert.That(await regions.GetByRole(AriaRole.Link).CountAsync(), Is.EqualTo(15));
            Assert.That(await regions.InnerTextAsync(), Does.Not.Contain("Ñuble"), "Ñuble moved to version 2");
        });
        await CheckPageAsync("versiones-mapa");
    }
}
