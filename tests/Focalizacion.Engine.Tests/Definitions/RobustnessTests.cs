using System.Xml.Linq;
using Focalizacion.Engine.Definitions;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>Damaged files never make the importer throw, and a failed import always says why.</summary>
public class RobustnessTests
{
    private static readonly string Valid = Bpmn.Fixture("valido-bpmn-js.bpmn");

    [Test]
    public void Every_truncation_is_refused_with_a_reason()
    {
        for (int length = 0; length < Valid.TrimEnd().Length; length += 41)
        {
            var result = Bpmn.Import(Valid[..length]);
            Assert.That(result.NotBpmnReason, Is.Not.Null, $"cut at {length}");
        }
    }

    [Test]
    public void Removing_any_element_or_attribute_never_throws_and_failures_explain_themselves()
    {
        var document = XDocument.Parse(Valid);
        var elements = document.Descendants().Count();
        var attributes = document.Descendants().Attributes().Count();
        int failures = 0;
        for (int i = 1; i < elements; i++)
        {
            var damaged = XDocument.Parse(Valid);
            damaged.Descendants().ElementAt(i).Remove();
            failures += Check(damaged, $"element {i}");
        }
        for (int i = 0; i < attributes; i++)
        {
            var damaged = XDocument.Parse(Valid);
            damaged.Descendants().Attributes().ElementAt(i).Remove();
            failures += Check(damaged, $"attribute {i}");
        }
        Assert.That(failures, Is.GreaterThan(50), "most damage must be noticed"); // guards against a check that never runs
    }

    private static int Check(XDocument damaged, string what)
    {
        ImportResult result = null!;
        Assert.That(() => result = Bpmn.Import(damaged.ToString()), Throws.Nothing, what);
        Assert.That(result.Success ? result.Problems.Count : result.Problems.Count + (result.NotBpmnReason is null ? 0 : 1),
            result.Success ? Is.Zero : Is.Positive, what);
        return result.Success ? 0 : 1;
    }
}
