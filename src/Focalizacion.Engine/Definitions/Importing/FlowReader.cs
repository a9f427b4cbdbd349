using System.Xml.Linq;
using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>Reads a <c>sequenceFlow</c> and its optional <c>conditionExpression</c>.</summary>
internal static class FlowReader
{
    public static FlowDraft Read(XElement element, string id, ProblemList problems)
    {
        Condition? condition = null;
        bool hasCondition = false;
        foreach (var child in BpmnXml.ModelChildren(element))
        {
            switch (child.Name.LocalName)
            {
                case "documentation" or "extensionElements":
                    break;
                case "conditionExpression" when !hasCondition:
                    hasCondition = true;
                    condition = ReadCondition(child, id, problems);
                    break;
                default:
                    problems.Add(child, id, $"elemento no soportado ({BpmnXml.Kind(child)})");
                    break;
            }
        }
        SettingsReader.Misplaced(element, id, problems);
        var flow = new SequenceFlow(
            id,
            element.Attribute("name")?.Value,
            BpmnXml.Attribute(element, "sourceRef") ?? "",
            BpmnXml.Attribute(element, "targetRef") ?? "",
            condition);
        return new FlowDraft(flow, hasCondition);
    }

    private static Condition? ReadCondition(XElement expression, string id, ProblemList problems)
    {
        // Camunda and Flowable mark scripts with a language ("javascript", "groovy"); only our own
        // expression language, which never runs code, is accepted.
        if (BpmnXml.Attribute(expression, "language") is { } language)
        {
            problems.Add(expression, id, $"lenguaje de condición no soportado {Spanish.Quote(language)}: escriba la condición sin atributo language");
            return null;
        }
        var parsed = Condition.Parse(expression.Value.Trim());
        if (!parsed.Success)
        {
            problems.Add(expression, id, $"condición no válida {Spanish.Quote(expression.Value.Trim())}: {parsed}");
            return null;
        }
        return parsed.Value;
    }
}
