using System.Xml.Linq;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Plazos;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Reads a <c>timerEventDefinition</c>: exactly one of <c>timeDate</c> and <c>timeDuration</c>,
/// in ISO 8601 or, with <c>language="plazo"</c>, in the plazo-rule language.
/// </summary>
internal static class TimerReader
{
    private static readonly string[] ValueElements = ["timeDate", "timeDuration", "timeCycle"];

    /// <summary>The timer; when it has problems they are reported and a placeholder comes back.</summary>
    public static TimerDefinition Read(XElement definition, string ownerId, ProblemList problems)
    {
        var values = new List<XElement>();
        foreach (var child in BpmnXml.ModelChildren(definition))
        {
            if (ValueElements.Contains(child.Name.LocalName))
            {
                values.Add(child);
            }
            else if (child.Name.LocalName is not ("documentation" or "extensionElements"))
            {
                problems.Add(child, ownerId, $"elemento no soportado ({BpmnXml.Kind(child)})");
            }
        }
        var placeholder = new TimerDefinition(TimerKind.Date, "");
        if (values.Count != 1)
        {
            problems.Add(definition, ownerId, values.Count == 0
                ? "el temporizador no tiene valor: use timeDate o timeDuration"
                : "el temporizador tiene más de un valor: use solo uno de timeDate o timeDuration");
            return placeholder;
        }
        var result = Value(values[0]);
        if (!result.Success)
        {
            problems.Add(values[0], ownerId, result.Error);
            return placeholder;
        }
        return result.Value;
    }

    private static Result<TimerDefinition> Value(XElement value)
    {
        if (value.Name.LocalName == "timeCycle")
        {
            return Result<TimerDefinition>.Fail("timeCycle no soportado: el motor no tiene temporizadores que se repiten; use timeDate o timeDuration");
        }
        var kind = value.Name.LocalName == "timeDate" ? TimerKind.Date : TimerKind.Duration;
        string text = value.Value.Trim();
        if (text.Length == 0)
        {
            return Result<TimerDefinition>.Fail($"el temporizador ({BpmnXml.Kind(value)}) está vacío");
        }
        var language = BpmnXml.Attribute(value, "language");
        if (language == TimerDefinition.PlazoLanguage)
        {
            return kind == TimerKind.Date
                ? Plazo(text)
                : Result<TimerDefinition>.Fail("una regla de plazo es una fecha: va en timeDate, no en timeDuration");
        }
        if (language is not null)
        {
            return Result<TimerDefinition>.Fail(
                $"lenguaje de temporizador no soportado «{language}»: use language=\"{TimerDefinition.PlazoLanguage}\" o ninguno (ISO 8601)");
        }
        return kind == TimerKind.Date ? IsoTimerText.Moment(text) : IsoTimerText.Duration(text);
    }

    private static Result<TimerDefinition> Plazo(string text)
    {
        var rule = PlazoRule.Parse(text);
        return rule.Success
            ? Result<TimerDefinition>.Ok(new TimerDefinition(TimerKind.Date, text) { Rule = rule.Value })
            : Result<TimerDefinition>.Fail($"regla de plazo no válida «{text}»: {rule}");
    }
}
