using System.Text.Json.Nodes;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Engine.Definitions;
using NodaTime;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>What the bpmn-js fixture turns into, node by node.</summary>
public class BpmnJsFixtureTests
{
    private static WorkflowDefinition Definition => Bpmn.Import(Bpmn.Fixture("valido-bpmn-js.bpmn")).Definition!;

    private static ExtensionSettings Settings(params (string Key, string Value)[] pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => p.Value));

    private static TimerDefinition Plazo(string rule) => new(TimerKind.Date, rule) { Rule = PlazoRule.Parse(rule).Value };

    [Test]
    public void Every_supported_element_becomes_its_model_type()
    {
        FlowNode[] expected =
        [
            new StartEvent("Inicio", "Inicio del ciclo"),
            new ServiceTask("Registrar_Inicio", "Registrar oficio de inicio", "registrar")
            {
                // every foc: attribute (handler included) and the foc:property in extensionElements
                Settings = Settings(("handler", "registrar"), ("hito", "oficio-inicio"), ("plantilla", "oficio-inicio-focalizacion"), ("destinatarios", "gore,sercotec-regional")),
            },
            new ParallelGateway("Division", null),
            new ReceiveTask("Esperar_Preliminar", "Recibir focalización preliminar", "focalizacion-preliminar-recibida"),
            new MessageCatchEvent("Esperar_Presupuesto", "Presupuesto exploratorio recibido", "Mensaje_Presupuesto"), // a message without name is known by its id
            new ParallelGateway("Union", null),
            new TimerCatchEvent("Pausa_Observaciones", "15 días para observaciones", new TimerDefinition(TimerKind.Duration, "P15D") { Period = Period.FromDays(15) }),
            new UserTask("Aprobar_Final", "Aprobar focalización final") { Settings = Settings(("rol", "gore")) },
            new BoundaryTimerEvent("Recordatorio", "7 días antes", "Aprobar_Final", Interrupting: false, Plazo("7 días antes del plazo focalizacion-final, a las 09:00")),
            new BoundaryTimerEvent("Plazo_Vencido", "30 de diciembre", "Aprobar_Final", Interrupting: true, Plazo("30 de diciembre"))
            {
                Settings = Settings(("plazo", "focalizacion-final")),
            },
            new ServiceTask("Enviar_Recordatorio", "Enviar recordatorio", "recordar") { Settings = Settings(("handler", "recordar")) },
            new EndEvent("Fin_Recordatorio", "Recordatorio enviado", Terminate: false),
            new ExclusiveGateway("Decision", "¿Resultado?", "Flujo_Rechazada"),
            new ServiceTask("Registrar_Final", "Registrar focalización final", "registrar") { Settings = Settings(("handler", "registrar"), ("hito", "focalizacion-final")) },
            new EndEvent("Fin", "Focalización aprobada", Terminate: false),
            new ServiceTask("Aplicar_Anterior", "Aplicar focalización del año anterior", "aplicar-focalizacion-anterior") { Settings = Settings(("handler", "aplicar-focalizacion-anterior")) },
            new EndEvent("Fin_Terminado", "Rige la anterior", Terminate: true),
        ];
        var definition = Definition;
        Assert.Multiple(() =>
        {
            Assert.That(definition.Nodes.Values, Is.EqualTo(expected)); // in document order
            Assert.That(definition.ProcessId, Is.EqualTo("Proceso_Focalizacion"));
            Assert.That(definition.Name, Is.EqualTo("Focalización regional"));
            Assert.That(definition.Start.Id, Is.EqualTo("Inicio"));
        });
    }

    [Test]
    public void Flows_keep_document_order_and_boundary_timers_hang_from_their_task()
    {
        var definition = Definition;
        Assert.Multiple(() =>
        {
            Assert.That(definition.Flows, Has.Count.EqualTo(17));
            Assert.That(definition.Outgoing("Decision").Select(f => f.Id), Is.EqualTo(new[] { "Flujo_Aprobada", "Flujo_Observada", "Flujo_Rechazada" }));
            Assert.That(definition.Outgoing("Division").Select(f => f.Target), Is.EqualTo(new[] { "Esperar_Preliminar", "Esperar_Presupuesto" }));
            Assert.That(definition.Incoming("Aplicar_Anterior").Select(f => f.Source), Is.EqualTo(new[] { "Decision", "Plazo_Vencido" }));
            Assert.That(definition.BoundaryEvents("Aprobar_Final").Select(b => b.Id), Is.EqualTo(new[] { "Recordatorio", "Plazo_Vencido" }));
            Assert.That(definition.Flows["Flujo_Rechazada"].Condition, Is.Null); // the default branch
        });
    }

    [TestCase("Flujo_Aprobada", """{"aprobada":true,"monto":1500000}""", true)] // approved with enough budget
    [TestCase("Flujo_Aprobada", """{"aprobada":true,"monto":999999}""", false)] // approved but under the threshold
    [TestCase("Flujo_Observada", """{"aprobada":false,"observaciones":"revisar montos"}""", true)] // observed and not approved
    [TestCase("Flujo_Observada", """{"aprobada":false}""", false)] // no observations: falls to the default
    public void Conditions_come_from_the_file(string flowId, string variables, bool expected)
    {
        var condition = Definition.Flows[flowId].Condition!;
        Assert.That(condition.Evaluate(JsonNode.Parse(variables)!.AsObject()), Is.EqualTo(expected));
    }
}
