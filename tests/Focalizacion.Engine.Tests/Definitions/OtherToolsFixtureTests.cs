using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions;
using NodaTime;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>The Camunda Modeler and Flowable fixtures: other tools' extensions are skipped, ours are kept.</summary>
public class OtherToolsFixtureTests
{
    private static WorkflowDefinition Camunda => Bpmn.Import(Bpmn.Fixture("valido-camunda.bpmn")).Definition!;

    private static WorkflowDefinition Flowable => Bpmn.Import(Bpmn.Fixture("valido-flowable.bpmn")).Definition!;

    [Test]
    public void Camunda_pools_and_lanes_are_not_nodes()
    {
        var definition = Camunda;
        Assert.Multiple(() =>
        {
            Assert.That(definition.ProcessId, Is.EqualTo("Proceso_Observaciones"));
            Assert.That(definition.Name, Is.EqualTo("Observaciones de Sercotec"));
            Assert.That(definition.Nodes.Keys, Has.None.StartsWith("Lane_").And.None.StartsWith("Participant_").And.None.StartsWith("TextAnnotation"));
            Assert.That(definition.Flows.Keys, Does.Not.Contain("Flow_Respuesta_Gore")); // a message flow is a picture, not a sequence flow
        });
    }

    [Test]
    public void Camunda_extensions_are_skipped_and_ours_kept()
    {
        var definition = Camunda;
        Assert.Multiple(() =>
        {
            // camunda:formKey, assignee, candidateGroups, camunda:properties and inputOutput are not ours
            Assert.That(definition.Node("Activity_Revisar").Settings, Is.EquivalentTo(new Dictionary<string, string> { ["formulario"] = "revision-preliminar" }));
            // camunda:asyncBefore, type and topic are not ours either
            Assert.That(definition.Node("Activity_Registrar").Settings,
                Is.EquivalentTo(new Dictionary<string, string> { ["handler"] = "registrar", ["hito"] = "focalizacion-preliminar" }));
            Assert.That(((ServiceTask)definition.Node("Activity_EnviarObservaciones")).Handler, Is.EqualTo("enviar-oficio"));
            Assert.That(definition.Node("StartEvent_1").Settings, Is.Empty); // camunda:initiator
        });
    }

    [Test]
    public void Camunda_timers_messages_and_gateways()
    {
        var definition = Camunda;
        var reminder = (BoundaryTimerEvent)definition.Node("Event_Recordar");
        var deadline = (BoundaryTimerEvent)definition.Node("Event_PlazoObservaciones");
        Assert.Multiple(() =>
        {
            Assert.That(reminder.Interrupting, Is.False);
            Assert.That(reminder.AttachedTo, Is.EqualTo("Activity_EsperarRespuesta")); // on a receive task
            Assert.That(reminder.Timer.Period, Is.EqualTo(Period.FromHours(48)));
            Assert.That(deadline.Interrupting, Is.True); // cancelActivity defaults to true
            Assert.That(deadline.Timer.Rule!.ToString(), Is.EqualTo("15 días corridos desde el evento focalizacion-preliminar-recibida"));
            Assert.That(((TimerCatchEvent)definition.Node("Event_EsperarMontos")).Timer.LocalMoment, Is.EqualTo(new LocalDateTime(2026, 12, 1, 9, 0)));
            Assert.That(((ReceiveTask)definition.Node("Activity_EsperarRespuesta")).Message, Is.EqualTo("respuesta-gore"));
            Assert.That(((ExclusiveGateway)definition.Node("Gateway_Observaciones")).DefaultFlow, Is.EqualTo("Flow_SinObservaciones"));
            Assert.That(((ExclusiveGateway)definition.Node("Gateway_Union")).DefaultFlow, Is.Null); // a merge needs no default
            Assert.That(((EndEvent)definition.Node("Event_FinTerminado")).Terminate, Is.True);
            Assert.That(definition.Flows["Flow_ConObservaciones"].Condition!.Evaluate(new JsonObject { ["tieneObservaciones"] = true }), Is.True);
        });
    }

    [Test]
    public void Flowable_default_namespace_file()
    {
        var definition = Flowable;
        Assert.Multiple(() =>
        {
            Assert.That(((TimerCatchEvent)definition.Node("publicar")).Timer.FixedMoment,
                Is.EqualTo(new LocalDateTime(2026, 12, 1, 9, 0).WithOffset(Offset.FromHours(-3))));
            Assert.That(((BoundaryTimerEvent)definition.Node("recordarMontos")).Timer.Period, Is.EqualTo(Period.FromDays(1) + Period.FromHours(2)));
            Assert.That(((ReceiveTask)definition.Node("esperarMontos")).Message, Is.EqualTo("montos-preliminares-recibidos"));
            Assert.That(definition.Node("revisarMontos").Settings, Is.EquivalentTo(new Dictionary<string, string> { ["formulario"] = "montos" }));
            Assert.That(((EndEvent)definition.Node("finSinMontos")).Terminate, Is.True);
        });
    }

    [TestCase("conMontos", """{"montoTotal":5}""", true)] // CDATA ${montoTotal > 0}
    [TestCase("conMontos", """{}""", false)] // a missing total is not > 0
    [TestCase("sinMontos", """{}""", true)] // ${montoTotal <= 0 || montoTotal == null}
    [TestCase("sinMontos", """{"montoTotal":0}""", true)] // zero
    [TestCase("sinMontos", """{"montoTotal":5}""", false)] // a positive total
    public void Flowable_cdata_conditions(string flowId, string variables, bool expected)
    {
        var condition = Flowable.Flows[flowId].Condition!;
        Assert.That(condition.Evaluate(JsonNode.Parse(variables)!.AsObject()), Is.EqualTo(expected));
    }
}
