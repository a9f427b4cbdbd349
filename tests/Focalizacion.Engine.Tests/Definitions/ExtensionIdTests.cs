using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// Ids belong to BPMN elements outside <c>extensionElements</c>: the ids other tools give their
/// own extension elements are in another scope and never clash with, or stand in for, the model's.
/// </summary>
public class ExtensionIdTests
{
    private const string Activiti = "xmlns:activiti='http://activiti.org/bpmn'";

    /// <summary>An Activiti user-task form: properties and their values all have ids, repeated in every form.</summary>
    private static string Form(string taskId, string firstPropertyId = "monto") =>
        $"<bpmn:userTask id='{taskId}'><bpmn:extensionElements>"
        + $"<activiti:formProperty {Activiti} id='{firstPropertyId}' name='Monto' type='long'/>"
        + $"<activiti:formProperty {Activiti} id='aprobado' type='enum'><activiti:value id='si' name='Sí'/><activiti:value id='no' name='No'/></activiti:formProperty>"
        + "</bpmn:extensionElements></bpmn:userTask>";

    [Test]
    public void Form_properties_repeated_in_two_tasks_are_not_duplicate_ids()
    {
        var result = ImportProcess(Head + Form("T") + "<bpmn:sequenceFlow id='F1' sourceRef='T' targetRef='T2'/>" + Form("T2")
            + "<bpmn:sequenceFlow id='F9' sourceRef='T2' targetRef='E'/><bpmn:endEvent id='E'/>");
        Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
    }

    [Test]
    public void A_form_property_named_like_a_gateway_does_not_hide_the_gateway()
    {
        // The property comes first in the file; as an id it made the gateway a duplicate, dropped, and its flows dangling.
        var result = ImportProcess(Head + Form("T", firstPropertyId: "G")
            + "<bpmn:sequenceFlow id='F1' sourceRef='T' targetRef='G'/><bpmn:exclusiveGateway id='G'/>"
            + "<bpmn:sequenceFlow id='F9' sourceRef='G' targetRef='E'/><bpmn:endEvent id='E'/>");
        Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
        Assert.That(result.Definition!.Nodes.Keys, Does.Contain("G"));
    }
}
