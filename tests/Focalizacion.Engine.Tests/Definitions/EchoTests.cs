using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>Problems repeat what the file says so it can be found, cut to a readable length.</summary>
public class EchoTests
{
    private static readonly string Long = new('x', 500);

    private static readonly string Cut = "«" + new string('x', 79) + "…»";

    private static string TimerProcess(string value) =>
        "<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='T'/>"
        + $"<bpmn:intermediateCatchEvent id='T'><bpmn:timerEventDefinition>{value}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>" + Tail;

    private static readonly TestCaseData[] LongValues =
    [
        // a condition pasted from another tool
        new TestCaseData("<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='G'/><bpmn:exclusiveGateway id='G' default='F2'/>"
            + $"<bpmn:sequenceFlow id='F1' sourceRef='G' targetRef='E'><bpmn:conditionExpression>{Long} &gt;=</bpmn:conditionExpression></bpmn:sequenceFlow>"
            + "<bpmn:sequenceFlow id='F2' sourceRef='G' targetRef='E'/><bpmn:endEvent id='E'/>", "condición no válida " + Cut),
        // a handler name
        new TestCaseData(Head + $"<bpmn:serviceTask id='T' foc:handler='{Long}'/>" + Tail, "el manejador " + Cut),
        // an ISO duration
        new TestCaseData(TimerProcess($"<bpmn:timeDuration>{Long}</bpmn:timeDuration>"), Cut + " no es una duración"),
        // a plazo rule, and the word of it that is wrong
        new TestCaseData(TimerProcess($"<bpmn:timeDate language='plazo'>15 de {Long}</bpmn:timeDate>"), $"regla de plazo no válida «15 de {new string('x', 73)}…»: posición 7: {Cut} no es un mes"),
    ];

    [TestCaseSource(nameof(LongValues))]
    public void Long_values_are_cut(string body, string expected)
    {
        var result = ImportProcess(body);
        Assert.That(result.Problems, Has.Count.EqualTo(1), string.Join("\n", result.Problems));
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems[0].Message, Does.StartWith(expected));
            Assert.That(result.Problems[0].Message, Has.Length.LessThan(400));
        });
    }
}
