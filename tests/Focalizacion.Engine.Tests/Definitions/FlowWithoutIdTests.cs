using Focalizacion.Engine.Definitions;
using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// The schema lets a sequence flow go without an id, and engines accept it: such a flow gets one
/// from its ends, which no real id can take, and it connects its nodes like any other.
/// </summary>
public class FlowWithoutIdTests
{
    [Test]
    public void Flows_without_id_connect_their_nodes()
    {
        var result = ImportProcess("<bpmn:startEvent id='S'/><bpmn:sequenceFlow sourceRef='S' targetRef='T'/>" + Wait
            + "<bpmn:sequenceFlow sourceRef='T' targetRef='E'/><bpmn:endEvent id='E'/>");
        Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems)); // no "falta el atributo id", no "no tiene salida"
        var definition = result.Definition!;
        Assert.Multiple(() =>
        {
            Assert.That(definition.Flows.Keys, Is.EquivalentTo(new[] { "S → T", "T → E" }));
            Assert.That(definition.Outgoing("S").Single().Target, Is.EqualTo("T"));
            Assert.That(definition.Outgoing("T").Single().Target, Is.EqualTo("E"));
        });
    }

    [Test]
    public void Parallel_flows_and_a_real_id_that_looks_the_same_stay_apart()
    {
        // Two flows from a fork to one join, and a flow whose real (schema-breaking) id is what the first would get.
        var result = ImportProcess("<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='A'/>"
            + "<bpmn:parallelGateway id='A'/><bpmn:sequenceFlow id='A → B' sourceRef='A' targetRef='B'/>"
            + "<bpmn:sequenceFlow sourceRef='A' targetRef='B'/><bpmn:sequenceFlow sourceRef='A' targetRef='B'/>"
            + "<bpmn:parallelGateway id='B'/><bpmn:sequenceFlow id='F9' sourceRef='B' targetRef='E'/><bpmn:endEvent id='E'/>");
        Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
        Assert.That(result.Definition!.Incoming("B").Select(f => f.Id), Is.EqualTo(new[] { "A → B", "A → B (2)", "A → B (3)" }));
    }

    [Test]
    public void A_problem_on_a_flow_without_id_names_it_by_its_ends()
    {
        var result = ImportProcess(Head + Wait + "<bpmn:sequenceFlow sourceRef='T' targetRef='Nada'/>" + Tail);
        Assert.That(result.Problems, Is.EqualTo(new[] { new DefinitionProblem("T → Nada", "flujo colgante: el destino «Nada» no es un nodo del proceso") }));
    }
}
