using System.Xml.Linq;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Plazos;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Reads a <c>timerEventDefinition</c>: exactly one of <c>timeDate</c> and <c>timeDuration</c>,
/// in ISO 8601 or, with <c>language="plazo"</c>, in the plazo-rule language; or a
/// <c>timeCycle</c> holding a series of plazo rules (reminders).
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
                ? "el temporizador no tiene valor: use timeDate, timeDuration o timeCycle"
                : "el temporizador tiene más de un valor: use solo uno de timeDate, timeDuration o timeCycle");
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
        string text = value.Value.Trim();
        if (text.Length == 0)
        {
            return Result<TimerDefinition>.Fail($"el temporizador ({BpmnXml.Kind(value)}) está vacío");
        }
        var language = BpmnXml.Attribute(value, "language");
        if (value.Name.LocalName == "timeCycle")
        {
            return language == TimerDefinition.PlazoLanguage
                ? Series(text)
                : Result<TimerDefinition>.Fail(
                    $"timeCycle solo se admite como serie de plazos (language=\"{TimerDefinition.PlazoLanguage}\"), por ejemplo «30, 14, 7, 2, 1 y 0 días antes del plazo focalizacion-final, a las 09:00»");
        }
        var kind = value.Name.LocalName == "timeDate" ? TimerKind.Date : TimerKind.Duration;
        if (language == TimerDefinition.PlazoLanguage)
        {
            return kind == TimerKind.Date
                ? Plazo(text)
                : Result<TimerDefinition>.Fail("una regla de plazo es una fecha: va en timeDate, no en timeDuration");
        }
        if (language is not null)
        {
            return Result<TimerDefinition>.Fail(
                $"lenguaje de temporizador no soportado {Spanish.Quote(language)}: use language=\"{TimerDefinition.PlazoLanguage}\" o ninguno (ISO 8601)");
        }
        return kind == TimerKind.Date ? IsoTimerText.Moment(text) : IsoTimerText.Duration(text);
    }

    private static Result<TimerDefinition> Series(string text)
    {
        var series = PlazoSeries.Parse(text);
        return series.Success
            ? Result<TimerDefinition>.Ok(new TimerDefinition(TimerKind.Cycle, text) { Series = series.Value })
            : Result<TimerDefinition>.Fail($"serie de plazos no válida {Spanish.Quote(text)}: {series.Error}");
    }

    private static Result<TimerDefinition> Plazo(string text)
    {
        var rule = PlazoRule.Parse(text);
        return rule.Success
            ? Result<TimerDefinition>.Ok(new TimerDefinition(TimerKind.Date, text) { Rule = rule.Value })
            : Result<TimerDefinition>.Fail($"regla de plazo no válida {Spanish.Quote(text)}: {rule}");
    }
}
