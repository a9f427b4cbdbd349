using Focalizacion.Engine.Definitions;
using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// Things the engine would silently not do (compensation, multiple tokens, instantiating
/// receive tasks, elements where nothing reads them, nodes nothing reaches): each is refused by
/// name, once.
/// </summary>
public class OutsideTheSubsetTests
{
    private const string Other = "xmlns:x='urn:otra-herramienta'";

    [TestCase(Head + "<bpmn:userTask id='T' isForCompensation='true'/>" + Tail, "T", "isForCompensation=«true» no se admite: el motor no ejecuta compensaciones")] // a compensation handler would never be called
    [TestCase(Head + "<bpmn:userTask id='T' startQuantity='2'/>" + Tail, "T", "startQuantity=«2» no se admite")] // waits for two tokens in BPMN, one here
    [TestCase(Head + "<bpmn:serviceTask id='T' foc:handler='registrar' completionQuantity='3'/>" + Tail, "T", "completionQuantity=«3» no se admite")] // would send three tokens on
    [TestCase(Head + "<bpmn:receiveTask id='T' messageRef='M' instantiate='true'/>" + Tail, "T", "instantiate=«true» no se admite: una tarea de recepción no inicia instancias")] // instances start at the start event
    [TestCase(Head + "<bpmn:userTask id='T'><bpmn:extensionElements><bpmn:serviceTask id='Oculta' foc:handler='registrar'/></bpmn:extensionElements></bpmn:userTask>" + Tail,
        "T", "bpmn:serviceTask «Oculta» está dentro de extensionElements, donde el motor no ejecuta nada")] // looks like a step, never runs
    [TestCase(Head + Wait + Tail + $"<bpmn:extensionElements><x:grupo {Other}><bpmn:sequenceFlow id='FX' sourceRef='T' targetRef='E'/></x:grupo></bpmn:extensionElements>",
        "P", "bpmn:sequenceFlow «FX» está dentro de extensionElements")] // however deep in another tool's element
    [TestCase(Head + Wait + Tail + "<camunda:taskListener event='create'/>", "P", "camunda:taskListener (línea 3) no es un elemento de BPMN sino de «http://camunda.org/schema/1.0/bpmn»: lo que agregan otras herramientas va dentro de bpmn:extensionElements")] // another tool's element out of place
    [TestCase(Head + Wait + Tail + $"<x:paso {Other} id='X'/>", "P", "x:paso (línea 3) no es un elemento de BPMN")] // its own id is no BPMN id: the process is named
    [TestCase(Head + Wait + "<bpmn:sequenceFlow id='F9' sourceRef='T' targetRef='E' foc:plantilla='oficio'/><bpmn:endEvent id='E'/>",
        "F9", "los ajustes foc: van solo en los nodos (tareas, eventos y compuertas); en bpmn:sequenceFlow nadie los lee: foc:plantilla")] // a flow takes no settings
    [TestCase(Head + Wait + "<bpmn:sequenceFlow id='F9' sourceRef='T' targetRef='E'><bpmn:extensionElements><foc:property name='rol' value='gore'/></bpmn:extensionElements></bpmn:sequenceFlow><bpmn:endEvent id='E'/>",
        "F9", "los ajustes foc: van solo en los nodos (tareas, eventos y compuertas); en bpmn:sequenceFlow nadie los lee: foc:property «rol»")] // nor as properties
    public void Refused_by_name(string body, string elementId, string reason)
    {
        AssertOneProblem(ImportProcess(body), elementId, reason);
    }

    [Test]
    public void Activity_attributes_are_accepted_only_at_their_defaults()
    {
        static IEnumerable<string> ProblemsWith(string attributes) =>
            ImportProcess(Head + $"<bpmn:receiveTask id='T' messageRef='M' {attributes}/>" + Tail).Problems.Select(p => p.Message);
        Assert.Multiple(() =>
        {
            // as Camunda writes the defaults out
            Assert.That(ProblemsWith("isForCompensation='false' startQuantity='1' completionQuantity='1' instantiate='false'"), Is.Empty);
            // the same defaults in other spellings of xsd:boolean and xsd:integer
            Assert.That(ProblemsWith("isForCompensation='0' startQuantity='01' instantiate='0'"), Is.Empty);
            // "1" is true too
            Assert.That(ProblemsWith("isForCompensation='1'"), Is.EqualTo(new[] { "isForCompensation=«1» no se admite: el motor no ejecuta compensaciones" }));
            // not a number at all
            Assert.That(ProblemsWith("startQuantity='uno'"), Has.One.StartsWith("startQuantity=«uno» no se admite"));
        });
    }

    [Test]
    public void Settings_on_the_process_are_refused()
    {
        var xml = Bpmn.Definitions(Head + Wait + Tail).Replace("<bpmn:process id=\"P\"", "<bpmn:process id=\"P\" foc:plantilla=\"oficio\"", StringComparison.Ordinal);
        Assert.That(Import(xml).Problems, Is.EqualTo(new[]
        {
            new DefinitionProblem("P", "los ajustes foc: van solo en los nodos (tareas, eventos y compuertas); en bpmn:process nadie los lee: foc:plantilla"),
        }));
    }

    [Test]
    public void A_cycle_nothing_enters_is_reported_once_per_node()
    {
        // A ⇄ B, each with an incoming flow (from the other), so none is "no tiene entrada"; C after
        // a node with no way in is that node's problem, not a second one.
        var result = ImportProcess(Head + Wait + Tail
            + "<bpmn:userTask id='A'/><bpmn:sequenceFlow id='FA' sourceRef='A' targetRef='B'/><bpmn:userTask id='B'/><bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='A'/>"
            + "<bpmn:sequenceFlow id='FB2' sourceRef='B' targetRef='E'/>"
            + "<bpmn:userTask id='Suelta'/><bpmn:sequenceFlow id='FS' sourceRef='Suelta' targetRef='C'/><bpmn:userTask id='C'/><bpmn:sequenceFlow id='FC' sourceRef='C' targetRef='E'/>");
        const string unreachable = "no se llega a este elemento desde el evento de inicio: solo le llegan flujos de elementos a los que tampoco se llega, así que nunca se ejecutaría";
        Assert.That(result.Problems, Is.EqualTo(new[]
        {
            new DefinitionProblem("A", unreachable),
            new DefinitionProblem("B", unreachable),
            new DefinitionProblem("Suelta", "no tiene entrada: ningún flujo llega a este elemento, así que nunca se ejecutaría"),
        }));
    }

    [Test]
    public void A_boundary_event_is_reached_with_its_activity()
    {
        var result = ImportProcess(Head + Wait + Tail
            + "<bpmn:boundaryEvent id='B' attachedToRef='T'><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
            + "<bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='A'/><bpmn:userTask id='A'/><bpmn:sequenceFlow id='FA' sourceRef='A' targetRef='E'/>"
            + "<bpmn:userTask id='Lejos'/><bpmn:sequenceFlow id='FL' sourceRef='Lejos' targetRef='Lejos'/><bpmn:sequenceFlow id='FL2' sourceRef='Lejos' targetRef='E'/>");
        Assert.That(result.Problems.Select(p => p.ElementId), Is.EqualTo(new[] { "Lejos" }), string.Join("\n", result.Problems)); // a node that only enters itself
    }
}
