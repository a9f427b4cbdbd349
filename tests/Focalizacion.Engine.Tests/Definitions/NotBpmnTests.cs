using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Definitions.Settings;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>Texts that are not BPMN at all get one reason, no problems and no definition.</summary>
public class NotBpmnTests
{
    [TestCase("", "el archivo está vacío")] // an empty upload
    [TestCase("esto no es xml", "no es XML bien formado (línea 1")] // plain text
    [TestCase("""{"process": "json"}""", "no es XML bien formado")] // another format
    [TestCase("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">", "no es XML bien formado")] // truncated
    [TestCase("<a>\n  <b>\n</a>", "no es XML bien formado (línea 3")] // mismatched tags: the line helps find them
    [TestCase("<html><body/></html>", "el elemento raíz es «html» y no bpmn:definitions")] // XML but not BPMN
    [TestCase("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/WRONG\"/>", "no está en el espacio de nombres de BPMN 2.0")] // right name, wrong namespace
    [TestCase("<definitions/>", "no está en el espacio de nombres de BPMN 2.0")] // no namespace at all
    [TestCase("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>", "declara una DTD")] // XXE: never resolved
    [TestCase("<!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><d>&b;</d>", "no se admite por seguridad")] // entity expansion
    public void Not_bpmn_gives_a_reason(string text, string reason)
    {
        var result = Bpmn.Import(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.NotBpmnReason, Does.Contain(reason));
            Assert.That(result.Problems, Is.Empty);
            Assert.That(result.Definition, Is.Null);
            Assert.That(result.Success, Is.False);
        });
    }

    [Test]
    public void A_dtd_is_refused_even_when_harmless()
    {
        // Refused by policy (DtdProcessing.Prohibit), not because an entity happens to fail.
        var valid = Bpmn.Definitions(Bpmn.Head + Bpmn.Wait + Bpmn.Tail);
        var withDoctype = valid.Replace("?>\n", "?>\n<!DOCTYPE bpmn:definitions>\n", StringComparison.Ordinal);
        Assert.That(withDoctype, Does.Contain("<!DOCTYPE"));
        Assert.Multiple(() =>
        {
            Assert.That(Bpmn.Import(valid).Success, Is.True);
            Assert.That(Bpmn.Import(withDoctype).NotBpmnReason, Does.Contain("declara una DTD"));
        });
    }

    [Test]
    public void Null_arguments_are_caller_mistakes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => BpmnImporter.Import((string)null!, Bpmn.Handlers), Throws.ArgumentNullException);
            Assert.That(() => BpmnImporter.Import(Bpmn.Definitions(""), (ImportCatalog)null!), Throws.ArgumentNullException);
        });
    }
}
