using System.Xml;
using System.Xml.Linq;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// The namespace-aware names the importer works with: an element is recognised by namespace and
/// local name, whatever prefix the tool that wrote it chose.
/// </summary>
internal static class BpmnXml
{
    public static readonly XNamespace Model = BpmnNamespaces.Model;

    public static readonly XNamespace Focalizacion = BpmnNamespaces.Focalizacion;

    public static bool IsModel(XElement element) => element.Name.Namespace == Model;

    /// <summary>How messages name an element kind, with the conventional prefix: "bpmn:scriptTask".</summary>
    public static string Kind(XElement element) =>
        element.Name.Namespace == Model ? "bpmn:" + element.Name.LocalName
        : element.Name.Namespace == Focalizacion ? "foc:" + element.Name.LocalName
        : element.Name.LocalName;

    /// <summary>
    /// The element's id as BPMN counts ids: only elements of the BPMN model, outside
    /// <c>extensionElements</c>, have one. Other tools' extension elements (an Activiti
    /// <c>formProperty</c>, a Camunda form field) and diagram shapes carry ids of their own, which
    /// must neither clash with nor stand in for the model's.
    /// </summary>
    public static string? Id(XElement element) => InModel(element) ? NonEmpty(element.Attribute("id")?.Value) : null;

    public static string? Attribute(XElement element, string name) => NonEmpty(element.Attribute(name)?.Value);

    /// <summary>The id that problems name: the element's, else its nearest ancestor's, else its kind and line.</summary>
    public static string Reference(XElement element)
    {
        for (var at = element; at is not null; at = at.Parent)
        {
            if (Id(at) is { } id)
            {
                return id;
            }
        }
        return $"{Kind(element)} (línea {Line(element)})";
    }

    public static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;

    /// <summary>The BPMN-namespace children, which are the only ones the importer judges.</summary>
    public static IEnumerable<XElement> ModelChildren(XElement element) => element.Elements().Where(IsModel);

    /// <summary>Whether the element and all its ancestors are BPMN model elements, none of them <c>extensionElements</c>.</summary>
    private static bool InModel(XElement element)
    {
        for (var at = element; at is not null; at = at.Parent)
        {
            if (at.Name.Namespace != Model || at.Name.LocalName == "extensionElements")
            {
                return false;
            }
        }
        return true;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
