using Focalizacion.Engine.Definitions;
using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// One row per structural check: a small process with exactly one thing wrong must give exactly
/// one problem, naming the element and saying why (so checks neither miss nor cascade).
/// </summary>
public class StructureTests
{
    private const string Timer = "<bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>";
    private const string Boundary = "<bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>";
    private const string Decision = "<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='G'/><bpmn:endEvent id='E'/><bpmn:endEvent id='E2'/>";

    [Test]
    public void The_base_of_the_rows_is_valid()
    {
        var result = ImportProcess(Head + Wait + Tail);
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Definition!.Nodes.Keys, Is.EquivalentTo(new[] { "S", "T", "E" }));
    }

    [TestCase(Head + Wait + "<bpmn:userTask id='T'/>" + Tail, "T", "id duplicado: ya lo usa bpmn:userTask en la línea")] // two elements, one id
    [TestCase(Head + Wait + Tail + "<bpmn:sequenceFlow id='F9'  sourceRef='S' targetRef='E'/>", "F9", "id duplicado")] // a flow id reused
    [TestCase(Head + Wait + Tail + "<bpmn:sequenceFlow id='FX' sourceRef='T' targetRef='Nada'/>", "FX", "flujo colgante: el destino «Nada» no es un nodo del proceso")] // target missing
    [TestCase(Head + Wait + Tail + "<bpmn:sequenceFlow id='FX' sourceRef='Nada' targetRef='E'/>", "FX", "flujo colgante: el origen «Nada» no es un nodo del proceso")] // source missing
    [TestCase(Head + Wait + Tail + "<bpmn:sequenceFlow id='FX' targetRef='E'/>", "FX", "flujo colgante: falta sourceRef")] // no sourceRef attribute
    [TestCase(Head + Wait + Tail + "<bpmn:sequenceFlow id='FX' sourceRef='T'/>", "FX", "flujo colgante: falta targetRef")] // no targetRef attribute
    [TestCase(Head + Wait + Tail + "<bpmn:textAnnotation id='Nota'/><bpmn:sequenceFlow id='FX' sourceRef='T' targetRef='Nota'/>", "FX", "«Nota» no es un nodo")] // an element that exists but is not a node
    [TestCase(Head + Wait + "<bpmn:endEvent id='E'/><bpmn:sequenceFlow id='F9' sourceRef='S' targetRef='E'/>", "T", "no tiene salida")] // a task leading nowhere
    [TestCase(Head + "<bpmn:parallelGateway id='T'/>", "T", "la compuerta no tiene salida")] // a gateway leading nowhere
    [TestCase(Head + "<bpmn:exclusiveGateway id='T'/>", "T", "la compuerta no tiene salida")] // an exclusive one too
    [TestCase(Head + Wait + Tail + "<bpmn:userTask id='Suelta'/><bpmn:sequenceFlow id='FS' sourceRef='Suelta' targetRef='E'/>", "Suelta", "no tiene entrada")] // unreachable node
    [TestCase(Head + Wait + Tail + "<bpmn:sequenceFlow id='FE' sourceRef='E' targetRef='T'/>", "E", "un evento de fin no puede tener flujos de salida")] // end that goes on
    [TestCase(Head + Wait + Tail + "<bpmn:sequenceFlow id='FS' sourceRef='T' targetRef='S'/>", "S", "un evento de inicio no puede tener flujos de entrada")] // start that is entered
    [TestCase(Head + Wait + Tail + "<bpmn:boundaryEvent id='B' attachedToRef='T'>" + Timer + "</bpmn:boundaryEvent>" + Boundary + "<bpmn:sequenceFlow id='FI' sourceRef='S' targetRef='B'/>", "B", "un evento de borde no puede tener flujos de entrada")] // boundary entered by a flow
    [TestCase(Head + Wait + Tail + "<bpmn:boundaryEvent id='B'>" + Timer + "</bpmn:boundaryEvent>" + Boundary, "B", "falta attachedToRef")] // boundary on nothing
    [TestCase(Head + Wait + Tail + "<bpmn:boundaryEvent id='B' attachedToRef='Nada'>" + Timer + "</bpmn:boundaryEvent>" + Boundary, "B", "está adosado a «Nada», que no existe en el proceso")] // boundary on a missing activity
    [TestCase(Head + Wait + Tail + "<bpmn:boundaryEvent id='B' attachedToRef='S'>" + Timer + "</bpmn:boundaryEvent>" + Boundary, "B", "está adosado a «S» (bpmn:startEvent), que no es una tarea que espera")] // boundary on an event
    [TestCase(Head + Wait + Tail + "<bpmn:boundaryEvent id='B' attachedToRef='T' cancelActivity='quizás'>" + Timer + "</bpmn:boundaryEvent>" + Boundary, "B", "cancelActivity debe ser true o false, no «quizás»")] // unreadable flag
    [TestCase(Head + Wait + Tail + "<bpmn:boundaryEvent id='B' attachedToRef='T'>" + Timer + "</bpmn:boundaryEvent>", "B", "no tiene salida")] // a deadline with nowhere to go
    [TestCase(Decision + "<bpmn:exclusiveGateway id='G'/><bpmn:sequenceFlow id='F1' sourceRef='G' targetRef='E'><bpmn:conditionExpression>a</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id='F2' sourceRef='G' targetRef='E2'/>", "F2", "sale de la compuerta exclusiva «G» sin condición y no es su flujo por omisión")] // an unconditional branch that is not the default
    [TestCase(Decision + "<bpmn:exclusiveGateway id='G' default='F3'/><bpmn:sequenceFlow id='F1' sourceRef='G' targetRef='E'><bpmn:conditionExpression>a</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id='F2' sourceRef='G' targetRef='E2'><bpmn:conditionExpression>!a</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id='F3' sourceRef='S' targetRef='E2'/>", "G", "el flujo por omisión «F3» no es uno de los flujos que salen de la compuerta")] // default naming someone else's flow
    [TestCase(Decision + "<bpmn:exclusiveGateway id='G' default='F2'/><bpmn:sequenceFlow id='F1' sourceRef='G' targetRef='E'><bpmn:conditionExpression>a</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id='F2' sourceRef='G' targetRef='E2'><bpmn:conditionExpression>!a</bpmn:conditionExpression></bpmn:sequenceFlow>", "F2", "es el flujo por omisión de «G» y no debe llevar condición")] // a default that also has a condition is ambiguous
    [TestCase(Decision + "<bpmn:exclusiveGateway id='G' default='F2'/><bpmn:sequenceFlow id='F1' sourceRef='G' targetRef='E'><bpmn:conditionExpression>monto &gt;=</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id='F2' sourceRef='G' targetRef='E2'/>", "F1", "condición no válida «monto >=»: posición 9: se esperaba un valor")] // unparseable condition, with its position
    [TestCase(Decision + "<bpmn:exclusiveGateway id='G' default='F2'/><bpmn:sequenceFlow id='F1' sourceRef='G' targetRef='E'><bpmn:conditionExpression xsi:type='bpmn:tFormalExpression' language='javascript'>a</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:sequenceFlow id='F2' sourceRef='G' targetRef='E2'/>", "F1", "lenguaje de condición no soportado «javascript»")] // scripts never run
    [TestCase(Head + Wait + "<bpmn:sequenceFlow id='F9' sourceRef='T' targetRef='E'><bpmn:conditionExpression>a</bpmn:conditionExpression></bpmn:sequenceFlow><bpmn:endEvent id='E'/>", "F9", "solo los flujos que salen de una compuerta exclusiva llevan condición")] // conditional flow out of a task
    [TestCase(Head + "<bpmn:userTask id='T' default='F9'/>" + Tail, "T", "el flujo por omisión (default) solo se admite en compuertas exclusivas")] // default flow on a task
    [TestCase(Head + "<bpmn:receiveTask id='T'/>" + Tail, "T", "falta messageRef")] // receive task waiting for nothing
    [TestCase(Head + "<bpmn:receiveTask id='T' messageRef='Otro'/>" + Tail, "T", "el mensaje «Otro» no existe")] // unknown message
    [TestCase(Head + "<bpmn:intermediateCatchEvent id='T'><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>" + Tail, "T", "falta messageRef")] // message event waiting for nothing
    [TestCase(Head + "<bpmn:intermediateCatchEvent id='T'><bpmn:messageEventDefinition messageRef='Otro'/></bpmn:intermediateCatchEvent>" + Tail, "T", "el mensaje «Otro» no existe")] // message event with unknown message
    [TestCase(Head + "<bpmn:serviceTask id='T'/>" + Tail, "T", "falta el manejador de la tarea de servicio (atributo foc:handler); los disponibles son: aplicar-focalizacion-anterior, enviar-oficio, recordar, registrar")] // no handler: the known ones are listed
    [TestCase(Head + "<bpmn:serviceTask id='T' foc:handler='borrar-todo'/>" + Tail, "T", "el manejador «borrar-todo» no existe; los disponibles son: aplicar-focalizacion-anterior")] // unknown handler
    [TestCase(Head + "<bpmn:serviceTask id='T' camunda:class='cl.Registrar'/>" + Tail, "T", "falta el manejador")] // another engine's binding is not ours
    [TestCase(Wait + Tail + "<bpmn:sequenceFlow id='F0' sourceRef='T' targetRef='T'/>", "P", "el proceso no tiene evento de inicio")] // no start at all
    [TestCase(Head + Wait + Tail + "<bpmn:startEvent id='S2'/><bpmn:sequenceFlow id='F2' sourceRef='S2' targetRef='T'/>", "S2", "el proceso ya tiene un evento de inicio («S»); solo se admite uno")] // two starts
    [TestCase(Head + Wait + Tail + "<bpmn:endEvent id='X'><bpmn:incoming>F9</bpmn:incoming><bpmn:terminateEventDefinition/><bpmn:terminateEventDefinition/></bpmn:endEvent><bpmn:sequenceFlow id='FX' sourceRef='S' targetRef='X'/>", "X", "elemento no soportado (bpmn:endEvent con varias definiciones de evento")] // two definitions on one event
    public void One_problem_per_defect(string body, string elementId, string reason)
    {
        var result = ImportProcess(body);
        Assert.That(result.Problems, Has.Count.EqualTo(1), string.Join("\n", result.Problems));
        Assert.Multiple(() =>
        {
            Assert.That(result.Definition, Is.Null);
            Assert.That(result.NotBpmnReason, Is.Null);
            Assert.That(result.Problems[0].ElementId, Is.EqualTo(elementId));
            Assert.That(result.Problems[0].Message, Does.Contain(reason));
        });
    }

    [TestCase("<bpmn:process id='P2'><bpmn:startEvent id='S9'/></bpmn:process>", "P2", "más de un proceso")] // the engine runs one process per file
    [TestCase("<bpmn:choreography id='C1'/>", "C1", "elemento no soportado (bpmn:choreography)")] // an unknown top-level element
    [TestCase("<bpmn:collaboration id='K'><bpmn:participant id='Pool' processRef='P'/><bpmn:conversation id='Conv'/></bpmn:collaboration>", "Conv", "elemento no soportado (bpmn:conversation)")] // pools are fine, conversations are not
    public void One_problem_per_top_level_defect(string topLevel, string elementId, string reason)
    {
        var result = ImportProcess(Head + Wait + Tail, topLevel);
        Assert.That(result.Problems, Has.Count.EqualTo(1), string.Join("\n", result.Problems));
        Assert.That(result.Problems[0].ElementId, Is.EqualTo(elementId));
        Assert.That(result.Problems[0].Message, Does.Contain(reason));
    }

    [Test]
    public void A_file_without_a_process_says_so()
    {
        var result = Import($"<bpmn:definitions xmlns:bpmn='{BpmnNamespaces.Model}' id='Defs'><bpmn:message id='M'/></bpmn:definitions>");
        Assert.That(result.Problems, Is.EqualTo(new[] { new DefinitionProblem("Defs", "el archivo no tiene ningún proceso (bpmn:process)") }));
    }

    [Test]
    public void A_node_without_id_is_named_by_its_kind_and_line()
    {
        var result = ImportProcess(Head + Wait + Tail + "<bpmn:userTask name='Sin id'/>");
        Assert.That(result.Problems, Is.EqualTo(new[] { new DefinitionProblem("bpmn:userTask (línea 3)", "falta el atributo id") }));
    }

    [Test]
    public void Every_problem_is_reported_in_document_order()
    {
        // Problems come from different passes (reading, then structure); the list follows the file.
        var result = ImportProcess(
            "<bpmn:sequenceFlow id='FA' sourceRef='S' targetRef='Nada'/>"
            + "<bpmn:startEvent id='S'/>"
            + "<bpmn:serviceTask id='T' foc:handler='borrar'/>"
            + "<bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='T'/>"
            + "<bpmn:receiveTask id='R' messageRef='Otro'/>");
        (string Id, string Start)[] expected =
        [
            ("FA", "flujo colgante: el destino «Nada»"),
            ("T", "el manejador «borrar» no existe"),
            ("T", "no tiene salida"),
            ("R", "el mensaje «Otro» no existe"),
            ("R", "no tiene salida"),
            ("R", "no tiene entrada"),
        ];
        Assert.That(result.Problems.Select(p => p.ElementId), Is.EqualTo(expected.Select(e => e.Id)), string.Join("\n", result.Problems));
        Assert.Multiple(() =>
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.That(result.Problems[i].Message, Does.StartWith(expected[i].Start));
            }
        });
    }

    [Test]
    public void Flows_to_unsupported_elements_do_not_repeat_their_problem()
    {
        // The script task is the one problem: its flows are not "dangling" and its neighbours are not "unreachable".
        var result = ImportProcess(Head + "<bpmn:scriptTask id='T'/>" + Tail);
        Assert.That(result.Problems, Is.EqualTo(new[] { new DefinitionProblem("T", "elemento no soportado (bpmn:scriptTask)") }));
    }
}
