using System.Xml;
using System.Xml.Linq;
using Focalizacion.Calendar;

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

    /// <summary>
    /// How messages name an element kind, with the conventional prefix: "bpmn:scriptTask",
    /// "foc:property"; another tool's element with the prefix its file gives it ("camunda:formData").
    /// </summary>
    public static string Kind(XElement element) =>
        element.Name.Namespace == Model ? "bpmn:" + element.Name.LocalName
        : element.Name.Namespace == Focalizacion ? "foc:" + element.Name.LocalName
        : element.GetPrefixOfNamespace(element.Name.Namespace) is { Length: > 0 } prefix ? $"{prefix}:{element.Name.LocalName}"
        : element.Name.LocalName;

    /// <summary>
    /// The element's id as BPMN counts ids: only elements of the BPMN model, outside
    /// <c>extensionElements</c>, have one. Other tools' extension elements (an Activiti
    /// <c>formProperty</c>, a Camunda form field) and diagram shapes carry ids of their own, which
    /// must neither clash with nor stand in for the model's.
    /// </summary>
    public static string? Id(XElement element) => InModel(element) ? NonEmpty(element.Attribute("id")?.Value) : null;

    public static string? Attribute(XElement element, string name) => NonEmpty(element.Attribute(name)?.Value);

    /// <summary>
    /// The id a reference typed as a QName points to (<c>attachedToRef</c>, <c>messageRef</c>):
    /// "tns:Tarea_1" is element Tarea_1 of the namespace that <c>tns</c> stands for where it is
    /// written, which must be this file's <c>targetNamespace</c> (the engine reads one file); an
    /// unprefixed reference is an id of this file, as tools write it. Null when the attribute is absent.
    /// </summary>
    public static Result<string?> QualifiedReference(XElement element, string attribute)
    {
        if (Attribute(element, attribute) is not { } reference)
        {
            return Result<string?>.Ok(null);
        }
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Result<string?>.Ok(reference);
        }
        var prefix = reference[..colon];
        if (prefix.Length == 0 || element.GetNamespaceOfPrefix(prefix) is not { } space)
        {
            return Result<string?>.Fail($"{attribute} {Spanish.Quote(reference)} usa el prefijo {Spanish.Quote(prefix)}, que no está declarado en el archivo (falta xmlns:{prefix}=\"…\")");
        }
        var target = element.Document?.Root?.Attribute("targetNamespace")?.Value;
        return target is null || space.NamespaceName == target
            ? Result<string?>.Ok(reference[(colon + 1)..])
            : Result<string?>.Fail(
                $"{attribute} {Spanish.Quote(reference)} apunta al espacio de nombres {Spanish.Quote(space.NamespaceName)}, que no es el de este archivo (targetNamespace {Spanish.Quote(target)}): el motor solo resuelve referencias dentro del archivo");
    }

    /// <summary>The id that problems name: the element's, else its nearest ancestor's, else its kind and line.</summary>
    public static string Reference(XElement element)
    {
        // Only model elements above the outermost extension (or foreign) element have ids: walk
        // up once to find it, then take the first id above, so a deep file costs its depth, not its square.
        var named = element;
        for (var at = element; at is not null; at = at.Parent)
        {
            if (!IsModel(at) || at.Name.LocalName == "extensionElements")
            {
                named = at.Parent;
            }
        }
        for (var at = named; at is not null; at = at.Parent)
        {
            if (NonEmpty(at.Attribute("id")?.Value) is { } id)
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
