using System.Xml.Linq;
using Focalizacion.Calendar;
using Focalizacion.Calendar.BusinessDays;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Engine.Definitions.Importing;
using NodaTime;

namespace Focalizacion.Engine.Definitions;

/// <summary>
/// The plazo rule of one timer of a definition being edited, evaluated as the engine evaluates it
/// when the timer is scheduled: with the plazos the same file's timers name. The file may have
/// other problems (it is half edited): only the timer itself, and the timers it refers to, must read.
/// </summary>
public static class DraftPlazos
{
    /// <summary>
    /// Each date the timer of <paramref name="elementId"/> stands for (one, or one per rule of a
    /// reminder series), earliest first, with the rule text that gives it; or a Spanish reason.
    /// </summary>
    public static Result<IReadOnlyList<(string Text, Plazo Plazo)>> Evaluate(
        string xml, string elementId, BusinessCalendar businessDays, int budgetYear, IReadOnlyDictionary<string, LocalDate> events)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(elementId);
        ArgumentNullException.ThrowIfNull(businessDays);
        ArgumentNullException.ThrowIfNull(events);
        var document = DocumentLoader.Load(xml);
        if (!document.Success)
        {
            return Fail($"xml: {document.Error}");
        }
        var problems = new ProblemList(document.Value);
        var elements = document.Value.Descendants().Where(e => BpmnXml.IsModel(e) && BpmnXml.Id(e) is not null).ToList();
        if (elements.FirstOrDefault(e => BpmnXml.Id(e) == elementId) is not { } element)
        {
            return Fail($"elemento: no hay ningún elemento con id {Spanish.Quote(elementId)} en el XML");
        }
        if (NodeReader.TimerDefinitionOf(element) is not { } definition)
        {
            return Fail($"elemento: {Spanish.Quote(elementId)} ({BpmnXml.Kind(element)}) no es un temporizador: no tiene bpmn:timerEventDefinition");
        }
        var own = new ProblemList(document.Value);
        var timer = TimerReader.Read(definition, elementId, own);
        if (own.InDocumentOrder() is [var first, ..])
        {
            return Fail($"{elementId}: {first.Message}");
        }
        IReadOnlyList<(string Text, PlazoRule Rule)> rules = timer.Series ?? (timer.Rule is { } single ? [(timer.Text, single)] : []);
        if (rules.Count == 0)
        {
            return Fail($"{elementId}: el temporizador no lleva una regla de plazo (timeDate o timeCycle con language=\"{TimerDefinition.PlazoLanguage}\"), sino {Spanish.Quote(timer.Text)} en ISO 8601, que no depende de la región ni del año");
        }
        var context = new PlazoContext(businessDays, budgetYear, events, NamedPlazos(elements, problems));
        var dates = new List<(string Text, Plazo Plazo)>();
        foreach (var (text, rule) in rules)
        {
            Result<Plazo> plazo;
            try
            {
                plazo = rule.Evaluate(context);
            }
            catch (Exception failure) when (failure is ArgumentException or OverflowException)
            {
                return Fail($"{elementId}: la regla {Spanish.Quote(text)} no se puede calcular: su fecha queda fuera del calendario del servicio ({HolidayCalendar.FirstYear}–{HolidayCalendar.LastYear})");
            }
            if (!plazo.Success)
            {
                var hint = plazo.Error!.StartsWith("falta la fecha del evento", StringComparison.Ordinal) ? " (indíquela en eventos, aaaa-mm-dd)" : "";
                return Fail($"{elementId}: la regla {Spanish.Quote(text)}: {plazo.Error}{hint}");
            }
            dates.Add((text, plazo.Value));
        }
        return Result<IReadOnlyList<(string, Plazo)>>.Ok([.. dates.OrderBy(d => d.Plazo.OverdueAt.ToInstant())]);
    }

    /// <summary>The plazos the timers of a file name, in document order (what other settings may refer to); none when it is not BPMN.</summary>
    public static IReadOnlyList<string> Names(byte[] bpmn)
    {
        ArgumentNullException.ThrowIfNull(bpmn);
        var document = DocumentLoader.Load(bpmn);
        if (!document.Success)
        {
            return [];
        }
        var elements = document.Value.Descendants().Where(e => BpmnXml.IsModel(e) && BpmnXml.Id(e) is not null).ToList();
        return [.. NamedPlazos(elements, new ProblemList(document.Value)).Keys];
    }

    /// <summary>The plazos the file's readable timers name (the first timer naming one wins, as the importer reports the others).</summary>
    private static OrderedDictionary<string, PlazoRule> NamedPlazos(List<XElement> elements, ProblemList problems)
    {
        var named = new OrderedDictionary<string, PlazoRule>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if (NodeReader.TimerDefinitionOf(element) is not { } definition
                || SettingsReader.Read(element, problems).GetValueOrDefault(NamedPlazo.Setting)?.Trim() is not { Length: > 0 } key)
            {
                continue;
            }
            if (TimerReader.Read(definition, BpmnXml.Id(element)!, problems).Rule is { } rule)
            {
                named.TryAdd(key, rule);
            }
        }
        return named;
    }

    private static Result<IReadOnlyList<(string, Plazo)>> Fail(string reason) => Result<IReadOnlyList<(string, Plazo)>>.Fail(reason);
}
