using System.Net;
using System.Text;
using Focalizacion.Service.Tests.Api;
using Microsoft.Playwright;

namespace Focalizacion.Service.Tests.Web;

/// <summary>
/// The workflow designer (<c>/disenador</c>) in Chromium: the shipped workflow opens in bpmn-js, the
/// final's deadline is changed in the properties panel and its date follows as one types, an error
/// is marked on its element and listed until fixed, a draft is saved and the XML downloaded; only
/// administrators get in.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DisenadorWebTests : WebFixture
{
    /// <summary>The shipped workflow's timer of the final focalización's deadline.</summary>
    private const string FinalTimer = "VenceFinal";

    private ILocator Designer => Page.Locator("[data-disenador]");

    private ILocator Shape(string id) => Page.Locator($".djs-element.djs-shape[data-element-id='{id}']");

    private ILocator Evaluation => Page.Locator("[data-plazo-evaluacion]");

    private ILocator Summary => Page.Locator("[data-problemas-resumen]");

    private async Task OpenAsync()
    {
        await Page.Locator("[data-disenador][data-estado='listo']").WaitForAsync();
        await Assertions.Expect(Summary).ToHaveTextAsync("Sin problemas: el motor puede ejecutar esta definición.");
    }

    [Test]
    public async Task The_final_deadline_changed_in_the_panel_shows_its_date_as_typed_and_an_error_is_marked_listed_and_fixed()
    {
        await LogInAsync(AdminApiService.Admin, "/administracion");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Diseñador del flujo", Exact = true }).ClickAsync();
        await OpenAsync();
        Assert.That(await Page.Locator("[data-disenador-estado]").InnerTextAsync(), Does.StartWith("Abierto: la definición N° "));
        Assert.That(await Page.Locator(".bjs-powered-by").CountAsync(), Is.EqualTo(1), "the bpmn.io watermark stays");
        var creates = await Page.Locator(".djs-palette .entry[data-action^='create.']").EvaluateAllAsync<string[]>("entries => entries.map(e => e.dataset.action)");
        Assert.That(creates, Is.EquivalentTo(new[]
        {
            "create.foc-start-event", "create.foc-timer-catch", "create.foc-end-event", "create.foc-exclusive-gateway",
            "create.foc-parallel-gateway", "create.foc-service-task", "create.foc-user-task", "create.foc-receive-task",
        }), "the palette creates only what the engine runs (no plain task, sub-process, pool, data object)");
        Assert.That(await Page.Locator(".djs-palette .entry[aria-label='Crear tarea de servicio']").CountAsync(), Is.EqualTo(1), "in Spanish");
        await CheckPageAsync("disenador");

        await Shape(FinalTimer).ClickAsync();
        var rule = Page.GetByLabel("Regla de plazo", new() { Exact = true });
        await Assertions.Expect(Page.Locator(".bio-properties-panel-header-label")).ToHaveTextAsync("Vence el 30 de diciembre");
        Assert.That(await rule.InputValueAsync(), Is.EqualTo("30 de diciembre"));
        await Page.GetByLabel("Año presupuestario").SelectOptionAsync("2027");
        Assert.That(await Page.GetByLabel("Región", new() { Exact = true }).InputValueAsync(), Is.EqualTo("NB"), "Ñuble unless chosen otherwise");
        await Assertions.Expect(Evaluation).ToHaveTextAsync("Ñuble, año presupuestario 2027: miércoles 30 de diciembre de 2026; vence 31-12-2026 00:00 (−03:00)");
        await CheckPageAsync("disenador-plazo");

        await rule.FillAsync("29 de diciembre");
        await Assertions.Expect(Evaluation).ToHaveTextAsync("Ñuble, año presupuestario 2027: martes 29 de diciembre de 2026; vence 30-12-2026 00:00 (−03:00)");

        // An invalid rule: the panel says why (the server's 422, which the page shows), the validator marks the timer and lists it.
        ExpectAnswer(422, "/api/v1/disenador/plazo");
        await rule.FillAsync("29 de diciembrx");
        await Assertions.Expect(Evaluation).ToContainTextAsync("Error: ");
        await Assertions.Expect(Summary).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ problemas?: se puede guardar como borrador, pero no publicar hasta corregirlos\.$"));
        var listed = Page.Locator($"[data-problemas] button[data-elemento='{FinalTimer}']");
        Assert.That(await listed.CountAsync(), Is.GreaterThanOrEqualTo(1), await Page.Locator("[data-problemas]").InnerTextAsync());
        Assert.That(await listed.First.InnerTextAsync(), Does.StartWith($"{FinalTimer}: "));
        await Assertions.Expect(Shape(FinalTimer)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("foc-problema"));
        // Each problem's badge is seen on the canvas and covers no other element's name (at a fixed
        // offset, the reminders' boundary timer had its badge over the name of the task it sits on).
        var marked = await Page.Locator(".djs-overlays:has(.foc-problema-insignia)").EvaluateAllAsync<string[]>("containers => containers.map(c => c.dataset.containerId)");
        Assert.That(marked, Does.Contain(FinalTimer).And.Contain("RecordatoriosFinal"));
        var misplaced = new List<string>();
        foreach (var element in marked)
        {
            var (inside, covered) = await BadgePlaceAsync(
                Page.Locator($".djs-overlays[data-container-id='{element}'] .foc-problema-insignia"), Page.Locator("[data-lienzo]"),
                Page.Locator($"g.djs-element:not([data-element-id='{element}']):not([data-element-id='{element}_label']) text"));
            misplaced.AddRange(covered.Select(name => $"{element}'s badge covers «{name}»"));
            if (!inside)
            {
                misplaced.Add($"{element}'s badge is off the canvas");
            }
        }
        Assert.That(misplaced, Is.Empty);
        await CheckPageAsync("disenador-problema");
        // The same, zoomed onto the final's timer (the wheel with Ctrl zooms around the pointer), to be seen in the screenshot.
        await Page.Locator("[data-lienzo]").ScrollIntoViewIfNeededAsync();
        var timer = (await Shape(FinalTimer).BoundingBoxAsync())!;
        await Page.Mouse.MoveAsync(timer.X + (timer.Width / 2), timer.Y + (timer.Height / 2));
        await Page.Keyboard.DownAsync("Control");
        for (var step = 0; step < 9; step++)
        {
            await Page.Mouse.WheelAsync(0, -100);
        }
        await Page.Keyboard.UpAsync("Control");
        await CheckPageAsync("disenador-problema-detalle");

        // The list selects the element: first another one (the reminders counted from the final's plazo, which no longer reads).
        await Page.Locator("[data-problemas] button[data-elemento='RecordatoriosFinal']").ClickAsync();
        await Assertions.Expect(Shape("RecordatoriosFinal")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await Assertions.Expect(Shape(FinalTimer)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await listed.First.ClickAsync();
        await Assertions.Expect(Shape(FinalTimer)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        Assert.That(await rule.InputValueAsync(), Is.EqualTo("29 de diciembrx"), "the panel shows the element the list selected");

        // A draft with problems is saved, but publishing it is refused.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Guardar como borrador" }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-guardado]")).ToContainTextAsync("problema(s): no se podrá publicar hasta corregirlos");

        await rule.FillAsync("29 de diciembre");
        await Assertions.Expect(listed).ToHaveCountAsync(0);
        await Assertions.Expect(Shape(FinalTimer)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("foc-problema"));
        await Assertions.Expect(Summary).ToHaveTextAsync("Sin problemas: el motor puede ejecutar esta definición.");

        var drafts = await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions WHERE status = 'Draft' AND process_key = 'ciclo-focalizacion-regional'");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Guardar como borrador" }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-guardado]")).ToContainTextAsync("Se guardó el borrador N° ");
        var saved = await Page.Locator("[data-guardado]").InnerTextAsync();
        var id = long.Parse(System.Text.RegularExpressions.Regex.Match(saved, @"N° (\d+)\.").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(async () =>
        {
            Assert.That(await Api.Database.ScalarAsync("SELECT count(*) FROM workflow_definitions WHERE status = 'Draft' AND process_key = 'ciclo-focalizacion-regional'"), Is.EqualTo(drafts + 1));
            Assert.That(await Api.Database.ScalarAsync($"SELECT count(*) FROM workflow_definitions WHERE id = {id} AND position('>29 de diciembre<' in convert_from(bpmn_xml, 'UTF8')) > 0"), Is.EqualTo(1), "the draft carries the new rule");
        });

        var (name, bytes) = await DownloadAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Descargar el XML" }));
        var xml = Encoding.UTF8.GetString(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(name, Is.EqualTo("ciclo-focalizacion-regional.bpmn"));
            Assert.That(xml, Does.StartWith("<?xml").And.Contain("<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\" language=\"plazo\">29 de diciembre</bpmn:timeDate>"));
            Assert.That(System.Xml.Linq.XDocument.Parse(xml).Root!.Name.LocalName, Is.EqualTo("definitions"));
        });

        await Page.GotoAsync("/administracion/definiciones");
        Assert.That(await Page.Locator($"tr[data-definicion='{id}']").InnerTextAsync(), Does.Contain("borrador").And.Contain("ciclo-focalizacion-regional"));
    }

    [Test]
    public async Task A_file_from_disk_with_an_element_the_engine_does_not_run_opens_with_its_problem_marked()
    {
        await LogInAsync(AdminApiService.Admin, "/disenador");
        await OpenAsync();
        const string File = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="D" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="De_Camunda" isExecutable="true">
                <bpmn:startEvent id="Inicio"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:scriptTask id="Guion" name="Un guion"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:scriptTask>
                <bpmn:endEvent id="Fin"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
                <bpmn:sequenceFlow id="F1" sourceRef="Inicio" targetRef="Guion" />
                <bpmn:sequenceFlow id="F2" sourceRef="Guion" targetRef="Fin" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="Dia"><bpmndi:BPMNPlane id="Plano" bpmnElement="De_Camunda">
                <bpmndi:BPMNShape id="Inicio_di" bpmnElement="Inicio"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="Guion_di" bpmnElement="Guion"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
                <bpmndi:BPMNShape id="Fin_di" bpmnElement="Fin"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
                <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
        await Page.Locator("[data-abrir-archivo]").SetInputFilesAsync(new FilePayload { Name = "de-camunda.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(File) });
        await Assertions.Expect(Page.Locator("[data-disenador-estado]")).ToHaveTextAsync("Abierto: el archivo de-camunda.bpmn.");
        Assert.That(await Page.Locator("[data-disenador-bajada]").InnerTextAsync(), Does.StartWith("Se edita el archivo de-camunda.bpmn.").And.Not.Contain("definición N°"),
            "the introduction names what is edited now, not the definition the page opened with");
        var listed = Page.Locator("[data-problemas] button[data-elemento='Guion']");
        await Assertions.Expect(listed).ToContainTextAsync("no soportado");
        await Assertions.Expect(Shape("Guion")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("foc-problema"));
        // The diagram is framed on its drawing with a small margin: a badge above the top row was cut off.
        var (inside, covered) = await BadgePlaceAsync(Page.Locator(".djs-overlays[data-container-id='Guion'] .foc-problema-insignia"), Page.Locator("[data-lienzo]"),
            Page.Locator("g.djs-element:not([data-element-id='Guion']) text"));
        Assert.Multiple(() =>
        {
            Assert.That(inside, Is.True, "the canvas shows the badge");
            Assert.That(covered, Is.Empty);
        });
        await CheckPageAsync("disenador-archivo");
    }

    [Test]
    public async Task Only_an_administrator_gets_the_designer_and_an_anonymous_browser_is_sent_to_log_in()
    {
        await Page.GotoAsync("/disenador");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/ingresar"));
        await LogInAsync(AdminApiService.Auditor, "/");
        var answer = await Page.GotoAsync("/disenador");
        Assert.Multiple(async () =>
        {
            Assert.That(answer!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden), "an auditor reads the definitions but does not edit them");
            Assert.That(await Page.Locator("h1").InnerTextAsync(), Is.EqualTo("Acceso no permitido"));
        });
        await CheckPageAsync("disenador-acceso-no-permitido");
    }
}
