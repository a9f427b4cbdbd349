using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>Everything the engine cannot run is named, one problem per element, never silently dropped.</summary>
public class UnsupportedTests
{
    /// <summary>Each unsupported element of the Signavio fixture, with what the problem calls it.</summary>
    private static readonly Dictionary<string, string> SignavioElements = new()
    {
        ["sid-DataObject"] = "bpmn:dataObject",
        ["sid-InicioTemporizado"] = "bpmn:startEvent con bpmn:timerEventDefinition",
        ["sid-Multi"] = "bpmn:multiInstanceLoopCharacteristics",
        ["sid-Loop"] = "bpmn:standardLoopCharacteristics",
        ["sid-InicioCondicional"] = "bpmn:startEvent con bpmn:conditionalEventDefinition",
        ["sid-Script"] = "bpmn:scriptTask",
        ["sid-Send"] = "bpmn:sendTask",
        ["sid-Rule"] = "bpmn:businessRuleTask",
        ["sid-Manual"] = "bpmn:manualTask",
        ["sid-Compensacion"] = "bpmn:boundaryEvent con bpmn:compensateEventDefinition",
        ["sid-Task"] = "bpmn:task",
        ["sid-Call"] = "bpmn:callActivity",
        ["sid-Error"] = "bpmn:boundaryEvent con bpmn:errorEventDefinition",
        ["sid-Sub"] = "bpmn:subProcess",
        ["sid-Tx"] = "bpmn:transaction",
        ["sid-Inclusive"] = "bpmn:inclusiveGateway",
        ["sid-Complex"] = "bpmn:complexGateway",
        ["sid-EventGw"] = "bpmn:eventBasedGateway",
        ["sid-SignalCatch"] = "bpmn:intermediateCatchEvent con bpmn:signalEventDefinition",
        ["sid-Throw"] = "bpmn:intermediateThrowEvent",
        ["sid-LinkCatch"] = "bpmn:intermediateCatchEvent con bpmn:linkEventDefinition",
        ["sid-FinEscalamiento"] = "bpmn:endEvent con bpmn:escalationEventDefinition",
        ["sid-FinMensaje"] = "bpmn:endEvent con bpmn:messageEventDefinition",
        ["sid-DataObjectRef"] = "bpmn:dataObjectReference",
        ["sid-DataStoreRef"] = "bpmn:dataStoreReference",
    };

    [TestCase(null)] // as Signavio writes it: BPMN as the default namespace
    [TestCase("bpmn2")] // the same file with the bpmn2: prefix
    public void Signavio_file_names_every_unsupported_element(string? prefix)
    {
        var xml = Fixture("no-soportado-signavio.bpmn");
        var result = Import(prefix is null ? xml : FixtureTests.WithModelPrefix(xml, prefix));
        var expected = SignavioElements.Select(e => $"{e.Key}: elemento no soportado ({e.Value})");
        Assert.Multiple(() =>
        {
            Assert.That(result.Definition, Is.Null);
            Assert.That(result.NotBpmnReason, Is.Null);
            // exactly these, in document order: no element missed, none reported twice, no knock-on problems
            Assert.That(result.Problems.Select(p => p.ToString()), Is.EqualTo(expected));
        });
    }

    [TestCase("<bpmn:userTask id='T'><bpmn:ioSpecification/></bpmn:userTask>", "bpmn:ioSpecification")] // task data inputs
    [TestCase("<bpmn:userTask id='T'><bpmn:potentialOwner/></bpmn:userTask>", "bpmn:potentialOwner")] // task assignment is the host's business
    [TestCase("<bpmn:receiveTask id='T' messageRef='M'><bpmn:dataOutputAssociation/></bpmn:receiveTask>", "bpmn:dataOutputAssociation")] // data associations
    [TestCase("<bpmn:serviceTask id='T' foc:handler='registrar'><bpmn:multiInstanceLoopCharacteristics isSequential='true'/></bpmn:serviceTask>", "bpmn:multiInstanceLoopCharacteristics")] // sequential multi-instance
    [TestCase("<bpmn:userTask id='T'><bpmn:timerEventDefinition/></bpmn:userTask>", "bpmn:timerEventDefinition")] // an event definition where there is no event
    [TestCase("<bpmn:intermediateCatchEvent id='T'/>", "bpmn:intermediateCatchEvent sin definición de evento")] // a catch event waiting for nothing
    [TestCase("<bpmn:intermediateCatchEvent id='T'><bpmn:messageEventDefinition messageRef='M'/><bpmn:timerEventDefinition/></bpmn:intermediateCatchEvent>", "bpmn:intermediateCatchEvent con varias definiciones de evento: bpmn:messageEventDefinition, bpmn:timerEventDefinition")] // multiple: which one fires?
    [TestCase("<bpmn:intermediateCatchEvent id='T'><bpmn:eventDefinitionRef>X</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>", "bpmn:intermediateCatchEvent con bpmn:eventDefinitionRef")] // shared definitions by reference
    public void Unsupported_parts_of_supported_elements(string element, string kind)
    {
        var result = ImportProcess(Head + element + Tail);
        Assert.That(result.Problems.Select(p => p.ToString()), Is.EqualTo(new[] { $"T: elemento no soportado ({kind})" }));
    }

    [Test]
    public void Boundary_timers_on_unsupported_activities_name_only_the_activity()
    {
        var result = ImportProcess(Head + "<bpmn:subProcess id='T'/>" + Tail
            + "<bpmn:boundaryEvent id='B' attachedToRef='T'><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
            + "<bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>");
        Assert.That(result.Problems.Select(p => p.ToString()), Is.EqualTo(new[] { "T: elemento no soportado (bpmn:subProcess)" }));
    }
}
