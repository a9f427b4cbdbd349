using Focalizacion.Engine.Definitions;
using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// <c>attachedToRef</c> and <c>messageRef</c> are QNames in the schema: a prefix stands for the
/// namespace declared for it where it is written, and must be this file's targetNamespace.
/// </summary>
public class QualifiedReferenceTests
{
    /// <summary>Declares <c>tns:</c> as the targetNamespace of <see cref="Bpmn.Definitions"/>, as Eclipse-based tools write it.</summary>
    private const string Tns = "xmlns:tns='http://bpmn.io/schema/bpmn'";

    private const string Timer = "<bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>";

    private static string Boundary(string attributes) =>
        $"<bpmn:boundaryEvent id='B' {attributes}>{Timer}</bpmn:boundaryEvent><bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>";

    [Test]
    public void Prefixed_references_to_this_files_namespace_resolve()
    {
        var result = ImportProcess(Head + $"<bpmn:receiveTask id='T' {Tns} messageRef='tns:M'/>" + Tail + Boundary($"{Tns} attachedToRef='tns:T'"));
        Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
        Assert.Multiple(() =>
        {
            Assert.That(((BoundaryTimerEvent)result.Definition!.Node("B")).AttachedTo, Is.EqualTo("T"));
            Assert.That(((ReceiveTask)result.Definition.Node("T")).Message, Is.EqualTo("respuesta-gore"));
        });
    }

    [TestCase(Head + Wait + Tail + "<bpmn:boundaryEvent id='B' attachedToRef='tns:T'>" + Timer + "</bpmn:boundaryEvent><bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>",
        "B", "attachedToRef «tns:T» usa el prefijo «tns», que no está declarado en el archivo (falta xmlns:tns=\"…\")")] // no knock-on "falta attachedToRef" or unreachable boundary
    [TestCase(Head + "<bpmn:receiveTask id='T' messageRef='tns:M'/>" + Tail,
        "T", "messageRef «tns:M» usa el prefijo «tns», que no está declarado")] // once blindly stripped and accepted
    [TestCase(Head + "<bpmn:intermediateCatchEvent id='T'><bpmn:messageEventDefinition messageRef='x:M'/></bpmn:intermediateCatchEvent>" + Tail,
        "T", "messageRef «x:M» usa el prefijo «x», que no está declarado")] // on the event definition too
    [TestCase(Head + "<bpmn:receiveTask id='T' messageRef=':M'/>" + Tail,
        "T", "messageRef «:M» usa el prefijo «», que no está declarado")] // an empty prefix is no prefix at all
    [TestCase(Head + Wait + Tail + "<bpmn:boundaryEvent id='B' xmlns:otro='urn:otro-archivo' attachedToRef='otro:T'>" + Timer + "</bpmn:boundaryEvent><bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>",
        "B", "attachedToRef «otro:T» apunta al espacio de nombres «urn:otro-archivo», que no es el de este archivo (targetNamespace «http://bpmn.io/schema/bpmn»)")] // an element of another file
    public void Unresolvable_prefixes_are_one_problem_naming_the_element(string body, string elementId, string reason)
    {
        AssertOneProblem(ImportProcess(body), elementId, reason);
    }
}
