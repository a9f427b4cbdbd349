using System.Xml.Linq;
using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Reads our extension settings of a node: every attribute in the Focalizacion namespace, and the
/// <c>foc:property</c> elements (name, value) inside <c>extensionElements</c>. Other tools'
/// extensions (camunda:, flowable:, signavio:) are theirs and are skipped; an unknown element in
/// our namespace is a mistake and is reported.
/// </summary>
internal static class SettingsReader
{
    /// <summary>The element in our namespace that carries one setting inside <c>extensionElements</c>, with its two attributes.</summary>
    public const string PropertyElement = "property";

    public const string PropertyName = "name";

    public const string PropertyValue = "value";

    public static ExtensionSettings Read(XElement element, ProblemList problems)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in element.Attributes().Where(a => a.Name.Namespace == BpmnXml.Focalizacion))
        {
            settings[attribute.Name.LocalName] = attribute.Value;
        }
        var ours = element.Elements(BpmnXml.Model + "extensionElements").Elements().Where(e => e.Name.Namespace == BpmnXml.Focalizacion);
        foreach (var extension in ours)
        {
            if (extension.Name.LocalName != PropertyElement)
            {
                problems.Add(extension, $"extensión desconocida {BpmnXml.Kind(extension)}: se esperaba foc:property con name y value");
                continue;
            }
            var name = BpmnXml.Attribute(extension, PropertyName);
            var value = extension.Attribute(PropertyValue)?.Value;
            if (name is null || value is null)
            {
                problems.Add(extension, $"foc:property{(name is null ? "" : " " + Spanish.Quote(name))} necesita los atributos name y value");
            }
            else if (!settings.TryAdd(name, value))
            {
                problems.Add(extension, $"el ajuste {Spanish.Quote(name)} está repetido");
            }
        }
        return settings.Count == 0 ? ExtensionSettings.Empty : new ExtensionSettings(settings);
    }

    /// <summary>
    /// Reports our settings on an element that takes none (a sequence flow, the process): only flow
    /// nodes have settings, and one written elsewhere would be silently unused.
    /// </summary>
    public static void Misplaced(XElement element, string elementId, ProblemList problems)
    {
        var attributes = element.Attributes().Where(a => a.Name.Namespace == BpmnXml.Focalizacion).Select(a => "foc:" + a.Name.LocalName);
        var properties = element.Elements(BpmnXml.Model + "extensionElements").Elements().Where(e => e.Name.Namespace == BpmnXml.Focalizacion)
            .Select(e => BpmnXml.Kind(e) + (BpmnXml.Attribute(e, "name") is { } name ? " " + Spanish.Quote(name) : ""));
        var misplaced = attributes.Concat(properties).ToList();
        if (misplaced.Count > 0)
        {
            problems.Add(element, elementId,
                $"los ajustes foc: van solo en los nodos (tareas, eventos y compuertas); en {BpmnXml.Kind(element)} nadie los lee: {string.Join(", ", misplaced)}");
        }
    }
}
