using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions;

namespace Focalizacion.Engine.Tests.Definitions;

public class ConditionEvaluationTests
{
    [TestCase("conforme", """{"conforme":true}""", true)] // a bare true variable
    [TestCase("conforme", """{"conforme":false}""", false)] // a bare false variable
    [TestCase("conforme", """{}""", false)] // a missing variable is null, and null is not truthy
    [TestCase("!conforme", """{}""", true)] // so its negation holds
    [TestCase("conforme == true", """{"conforme":true}""", true)] // explicit comparison with a boolean
    [TestCase("${conforme}", """{"conforme":true}""", true)] // Camunda Modeler's ${…} wrapper
    [TestCase("  ${ conforme }  ", """{"conforme":true}""", true)] // whitespace around and inside the wrapper
    [TestCase("region != 'MA'", """{"region":"NB"}""", true)] // strings in single quotes
    [TestCase("region != 'MA'", """{"region":"MA"}""", false)] // equal strings
    [TestCase("region == \"NB\"", """{"region":"NB"}""", true)] // strings in double quotes
    [TestCase("region != 'MA'", """{}""", true)] // != with null is the one cross-type comparison that holds
    [TestCase("monto >= 1000000 && tieneAnterior", """{"monto":1000000,"tieneAnterior":true}""", true)] // the doc's example, on the boundary
    [TestCase("monto >= 1000000 && tieneAnterior", """{"monto":999999.99,"tieneAnterior":true}""", false)] // decimals just under
    [TestCase("monto >= 1000000 && tieneAnterior", """{"monto":2000000}""", false)] // && needs both
    [TestCase("monto > 10", """{"monto":"20"}""", false)] // a string never compares with a number
    [TestCase("monto != 10", """{"monto":"10"}""", false)] // not even with != : a type mismatch takes no branch
    [TestCase("monto == null", """{}""", true)] // missing equals null
    [TestCase("monto == null", """{"monto":null}""", true)] // an explicit JSON null too
    [TestCase("monto != null", """{"monto":0}""", true)] // zero is set, not null
    [TestCase("monto < null", """{"monto":0}""", false)] // null is never ordered
    [TestCase("monto", """{"monto":0}""", false)] // zero is not truthy
    [TestCase("monto", """{"monto":-0.5}""", true)] // any non-zero number is
    [TestCase("nombre", """{"nombre":""}""", false)] // the empty string is not truthy
    [TestCase("nombre", """{"nombre":"x"}""", true)] // a non-empty one is
    [TestCase("lista", """{"lista":[1]}""", false)] // arrays are not truthy
    [TestCase("datos == null", """{"datos":{}}""", false)] // an object is set
    [TestCase("datos == datos", """{"datos":{}}""", false)] // objects never compare, not even with themselves
    [TestCase("1.0 == 1", """{}""", true)] // numbers compare by value, not by text
    [TestCase("monto == -5", """{"monto":-5}""", true)] // negative literals
    [TestCase("a || b && c", """{"a":true,"b":false,"c":false}""", true)] // && binds tighter than ||
    [TestCase("(a || b) && c", """{"a":true,"b":false,"c":false}""", false)] // parentheses override it
    [TestCase("!a == false", """{}""", false)] // ! binds tighter than ==: (!null) == false, not !(null == false)
    [TestCase("!!a", """{"a":"x"}""", true)] // double negation gives truthiness
    [TestCase("'b' > 'a'", """{}""", true)] // strings are ordered
    [TestCase("'B' < 'a'", """{}""", true)] // by ordinal order, upper case first, whatever the culture
    [TestCase("true > false", """{}""", false)] // booleans are not ordered
    [TestCase("null == null", """{}""", true)] // null equals null
    [TestCase("año >= 2026 && región_código == 'NB'", """{"año":2026,"región_código":"NB"}""", true)] // Spanish letters and _ in names
    [TestCase("Conforme", """{"conforme":true}""", false)] // names are case-sensitive
    [TestCase("x == 'it\\'s'", """{"x":"it's"}""", true)] // an escaped quote inside a string
    public void Evaluates(string text, string variables, bool expected)
    {
        var parsed = Condition.Parse(text);
        Assert.That(parsed.Success, Is.True, parsed.ToString());
        Assert.That(parsed.Value.Evaluate(JsonNode.Parse(variables)!.AsObject()), Is.EqualTo(expected));
    }

    private static readonly TestCaseData[] ClrValues =
    [
        // variables set by code rather than parsed from JSON: every number representation compares by value
        new TestCaseData(new JsonObject { ["monto"] = 1000000 }, true).SetArgDisplayNames("int"),
        new TestCaseData(new JsonObject { ["monto"] = 1000000L }, true).SetArgDisplayNames("long"),
        new TestCaseData(new JsonObject { ["monto"] = 1000000.0 }, true).SetArgDisplayNames("double"),
        new TestCaseData(new JsonObject { ["monto"] = 1000000m }, true).SetArgDisplayNames("decimal"),
        new TestCaseData(new JsonObject { ["monto"] = 999999 }, false).SetArgDisplayNames("another int"),
        // NaN has no JSON text (even printing the object throws): it is never equal, and evaluating never throws
        new TestCaseData(new JsonObject { ["monto"] = double.NaN }, false).SetArgDisplayNames("NaN"),
        new TestCaseData(new JsonObject { ["monto"] = "1000000" }, false).SetArgDisplayNames("string"), // a string stays a string
    ];

    [TestCaseSource(nameof(ClrValues))]
    public void Reads_variables_of_any_clr_type(JsonObject variables, bool expected)
    {
        var condition = Condition.Parse("monto == 1000000").Value;
        Assert.That(condition.Evaluate(variables), Is.EqualTo(expected));
    }

    [Test]
    public void Keeps_the_text_as_written()
    {
        const string text = "${ monto >= 1000000 }";
        var condition = Condition.Parse(text).Value;
        Assert.Multiple(() =>
        {
            Assert.That(condition.Text, Is.EqualTo(text));
            Assert.That(condition.ToString(), Is.EqualTo(text));
        });
    }

    [Test]
    public void Parsing_the_same_text_twice_gives_equal_conditions()
    {
        const string text = "a == 1 && (b || !c) && d != 'x'";
        var first = Condition.Parse(text).Value;
        var second = Condition.Parse(text).Value;
        var other = Condition.Parse("a == 1 && (b || !c) && d != 'y'").Value;
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(second.GetHashCode(), Is.EqualTo(first.GetHashCode()));
            Assert.That(other, Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void Null_arguments_are_caller_mistakes()
    {
        var condition = Condition.Parse("a").Value;
        Assert.Multiple(() =>
        {
            Assert.That(() => Condition.Parse(null!), Throws.ArgumentNullException);
            Assert.That(() => condition.Evaluate(null!), Throws.ArgumentNullException);
        });
    }
}
