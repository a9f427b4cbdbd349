using Focalizacion.Engine.Definitions;
using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// A cycle of flows that reaches no wait state would keep the first step running for ever (and a
/// parallel gateway in it adds a token every round): it is refused at import, naming its gateways.
/// </summary>
public class WaitlessLoopTests
{
    private const string Start = "<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='G'/><bpmn:endEvent id='E'/>";

    [TestCase(Start + "<bpmn:exclusiveGateway id='G' default='FE'/><bpmn:sequenceFlow id='FG' sourceRef='G' targetRef='G'><bpmn:conditionExpression>reintentar</bpmn:conditionExpression></bpmn:sequenceFlow>"
        + "<bpmn:sequenceFlow id='FE' sourceRef='G' targetRef='E'/>",
        "G", "un flujo sale de esta compuerta y vuelve a ella sin pasar por una espera")] // an exclusive gateway whose flow returns to itself
    [TestCase(Start + "<bpmn:exclusiveGateway id='G'/><bpmn:sequenceFlow id='F1' sourceRef='G' targetRef='Y'/>"
        + "<bpmn:parallelGateway id='Y'/><bpmn:sequenceFlow id='F2' sourceRef='Y' targetRef='G'/><bpmn:sequenceFlow id='F3' sourceRef='Y' targetRef='E'/>",
        "G", "forma un ciclo sin esperas con «Y»: los flujos entre estas compuertas vuelven al comienzo")] // a parallel fork looping back: a token more every round
    [TestCase(Start + "<bpmn:exclusiveGateway id='G'/><bpmn:sequenceFlow id='F1' sourceRef='G' targetRef='G2'/>"
        + "<bpmn:exclusiveGateway id='G2' default='F3'/><bpmn:sequenceFlow id='F3' sourceRef='G2' targetRef='G3'/><bpmn:sequenceFlow id='F4' sourceRef='G2' targetRef='E'><bpmn:conditionExpression>listo</bpmn:conditionExpression></bpmn:sequenceFlow>"
        + "<bpmn:exclusiveGateway id='G3'/><bpmn:sequenceFlow id='F5' sourceRef='G3' targetRef='G'/>",
        "G", "forma un ciclo sin esperas con «G2», «G3»")] // a longer cycle, named once at its first gateway
    public void A_cycle_without_a_wait_is_refused(string body, string elementId, string reason)
    {
        AssertOneProblem(ImportProcess(body), elementId, reason);
    }

    [Test]
    public void Only_the_cycle_without_a_wait_is_refused()
    {
        // G → T → G waits at the user task every round (a review loop); G2 ⇄ G3 never waits.
        var result = ImportProcess(Start
            + "<bpmn:exclusiveGateway id='G' default='FT'/><bpmn:sequenceFlow id='FT' sourceRef='G' targetRef='T'/>"
            + "<bpmn:sequenceFlow id='FX' sourceRef='G' targetRef='G2'><bpmn:conditionExpression>listo</bpmn:conditionExpression></bpmn:sequenceFlow>"
            + "<bpmn:userTask id='T'/><bpmn:sequenceFlow id='FR' sourceRef='T' targetRef='G'/>"
            + "<bpmn:exclusiveGateway id='G2' default='F23'/><bpmn:sequenceFlow id='F23' sourceRef='G2' targetRef='G3'/>"
            + "<bpmn:sequenceFlow id='F2E' sourceRef='G2' targetRef='E'><bpmn:conditionExpression>fin</bpmn:conditionExpression></bpmn:sequenceFlow>"
            + "<bpmn:parallelGateway id='G3'/><bpmn:sequenceFlow id='F32' sourceRef='G3' targetRef='G2'/>");
        Assert.That(result.Problems.Select(p => p.ElementId), Is.EqualTo(new[] { "G2" }), string.Join("\n", result.Problems));
    }

    [Test]
    public void A_large_cycle_names_its_first_gateways()
    {
        // 30 gateways in a ring: the check has no recursion to run out of, and the message stays short.
        var ring = string.Concat(Enumerable.Range(1, 30).Select(i =>
            $"<bpmn:exclusiveGateway id='G{i}'/><bpmn:sequenceFlow id='R{i}' sourceRef='G{i}' targetRef='G{(i % 30) + 1}'/>"));
        var result = ImportProcess("<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='G1'/>" + ring);
        Assert.That(result.Problems, Is.EqualTo(new[]
        {
            new DefinitionProblem("G1", "forma un ciclo sin esperas con «G2», «G3», «G4», «G5», «G6», «G7», «G8», «G9», «G10», «G11» y 19 compuertas más: "
                + "los flujos entre estas compuertas vuelven al comienzo sin pasar por una tarea ni un evento intermedio, así que la instancia daría vueltas sin fin"),
        }));
    }
}
