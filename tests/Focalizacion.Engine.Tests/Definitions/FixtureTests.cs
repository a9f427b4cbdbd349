using System.Xml.Linq;
using Focalizacion.Engine.Definitions;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>The valid fixture files, as three different tools write them, and the prefix-independence of the importer.</summary>
public class FixtureTests
{
    [TestCase("valido-bpmn-js.bpmn", 17)] // bpmn-js: bpmn: prefix, every supported element
    [TestCase("valido-camunda.bpmn", 15)] // Camunda Modeler 5: pools, lanes, message flow, camunda: extensions to skip
    [TestCase("valido-flowable.bpmn", 11)] // Flowable: BPMN as the default namespace, omgdc:/omgdi: layout, CDATA conditions
    public void Imports_without_problems(string file, int nodes)
    {
        var result = Bpmn.Import(Bpmn.Fixture(file));
        Assert.That(result.Problems, Is.Empty, string.Join("\n", result.Problems));
        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.True);
            Assert.That(result.NotBpmnReason, Is.Null);
            Assert.That(result.Definition!.Nodes, Has.Count.EqualTo(nodes));
        });
    }

    [TestCase("valido-bpmn-js.bpmn", "bpmn2")] // Signavio/Eclipse style prefix
    [TestCase("valido-bpmn-js.bpmn", null)] // no prefix: BPMN as the default namespace
    [TestCase("valido-camunda.bpmn", "bpmn2")] // a collaboration under another prefix
    [TestCase("valido-camunda.bpmn", null)] // and unprefixed
    [TestCase("valido-flowable.bpmn", "bpmn")] // a default-namespace file given a prefix
    [TestCase("valido-flowable.bpmn", "semantic")] // any prefix at all
    public void The_prefix_does_not_matter(string file, string? prefix)
    {
        var original = Bpmn.Fixture(file);
        var rewritten = WithModelPrefix(original, prefix);
        Assert.That(rewritten, Does.Contain(prefix is null ? "<process " : $"<{prefix}:process "), "the rewrite must change the prefix");

        var expected = Bpmn.Import(original).Definition!;
        var actual = Bpmn.Import(rewritten);
        Assert.That(actual.Problems, Is.Empty, string.Join("\n", actual.Problems));
        Assert.Multiple(() =>
        {
            Assert.That(actual.Definition!.Nodes.Values, Is.EquivalentTo(expected.Nodes.Values));
            Assert.That(actual.Definition.Flows.Values, Is.EquivalentTo(expected.Flows.Values));
        });
    }

    [TestCase("valido-bpmn-js.bpmn")] // timers with plazo rules, settings, conditions
    [TestCase("valido-camunda.bpmn")] // periods and local moments
    [TestCase("valido-flowable.bpmn")] // fixed moments
    public void Importing_twice_gives_equal_nodes_and_flows(string file)
    {
        var xml = Bpmn.Fixture(file);
        var first = Bpmn.Import(xml).Definition!;
        var second = Bpmn.Import(xml).Definition!;
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.SameAs(first));
            Assert.That(second.Nodes.Values, Is.EquivalentTo(first.Nodes.Values));
            Assert.That(second.Flows.Values, Is.EquivalentTo(first.Flows.Values));
            Assert.That(second.Nodes.Keys, Is.EqualTo(first.Nodes.Keys)); // same document order too
        });
    }

    /// <summary>Declares the BPMN model namespace under another prefix (null: as the default namespace).</summary>
    internal static string WithModelPrefix(string xml, string? prefix)
    {
        var document = XDocument.Parse(xml);
        var declarations = document.Descendants().Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == BpmnNamespaces.Model);
        foreach (var declaration in declarations.ToList())
        {
            declaration.Remove();
        }
        document.Root!.Add(prefix is null ? new XAttribute("xmlns", BpmnNamespaces.Model) : new XAttribute(XNamespace.Xmlns + prefix, BpmnNamespaces.Model));
        return document.ToString();
    }
}
