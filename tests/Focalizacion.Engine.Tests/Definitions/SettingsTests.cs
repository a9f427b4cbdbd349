using Focalizacion.Engine.Definitions;
using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>Extension settings: attributes and foc:property elements in our namespace; other tools' are skipped.</summary>
public class SettingsTests
{
    [Test]
    public void Attributes_and_properties_in_our_namespace_become_settings()
    {
        var result = ImportProcess(Head
            + "<bpmn:serviceTask id='T' foc:handler='enviar-oficio' foc:plantilla='oficio-inicio' camunda:asyncBefore='true' name='Oficio'>"
            + "<bpmn:extensionElements>"
            + "<camunda:properties><camunda:property name='prioridad' value='alta'/></camunda:properties>"
            + "<foc:property name='destinatarios' value='gore'/><foc:property name='copia' value=''/>"
            + "</bpmn:extensionElements></bpmn:serviceTask>"
            + Tail);
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Definition!.Node("T").Settings, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["handler"] = "enviar-oficio",
            ["plantilla"] = "oficio-inicio",
            ["destinatarios"] = "gore",
            ["copia"] = "", // an empty value is a value
        }));
    }

    [TestCase("<bpmn:extensionElements><foc:propiedad name='a' value='b'/></bpmn:extensionElements>", "extensión desconocida foc:propiedad")] // a typo in our own namespace is caught
    [TestCase("<bpmn:extensionElements><foc:property name='a'/></bpmn:extensionElements>", "foc:property «a» necesita los atributos name y value")] // no value
    [TestCase("<bpmn:extensionElements><foc:property value='b'/></bpmn:extensionElements>", "foc:property necesita los atributos name y value")] // no name
    [TestCase("<bpmn:extensionElements><foc:property name='rol' value='b'/></bpmn:extensionElements>", "el ajuste «rol» está repetido")] // the attribute already set it
    public void Mistakes_in_our_extensions_are_problems(string extensions, string reason)
    {
        var result = ImportProcess(Head + $"<bpmn:userTask id='T' foc:rol='gore'>{extensions}</bpmn:userTask>" + Tail);
        Assert.That(result.Problems, Has.Count.EqualTo(1), string.Join("\n", result.Problems));
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems[0].ElementId, Is.EqualTo("T"));
            Assert.That(result.Problems[0].Message, Does.Contain(reason));
        });
    }

    [Test]
    public void Nodes_without_settings_compare_equal()
    {
        // Settings compare by content, so records built separately are equal (the model's default used to be a fresh dictionary).
        var plain = new UserTask("T", null);
        var alsoPlain = new UserTask("T", null);
        var withSetting = plain with { Settings = new ExtensionSettings(new Dictionary<string, string> { ["a"] = "1" }) };
        var sameSetting = plain with { Settings = new ExtensionSettings(new Dictionary<string, string> { ["a"] = "1" }) };
        var otherValue = plain with { Settings = new ExtensionSettings(new Dictionary<string, string> { ["a"] = "2" }) };
        var otherKey = plain with { Settings = new ExtensionSettings(new Dictionary<string, string> { ["b"] = "1" }) };
        Assert.Multiple(() =>
        {
            Assert.That(alsoPlain, Is.EqualTo(plain));
            Assert.That(sameSetting, Is.EqualTo(withSetting));
            Assert.That(sameSetting.GetHashCode(), Is.EqualTo(withSetting.GetHashCode()));
            Assert.That(withSetting, Is.Not.EqualTo(plain));
            Assert.That(otherValue, Is.Not.EqualTo(withSetting));
            Assert.That(otherKey, Is.Not.EqualTo(withSetting));
        });
    }
}
