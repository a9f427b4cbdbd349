using System.Xml;
using System.Xml.Linq;
using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Safe loading of a BPMN file and the namespace-aware names the importer works with: an element
/// is recognised by namespace and local name, whatever prefix the tool that wrote it chose.
/// </summary>
internal static class BpmnXml
{
    public static readonly XNamespace Model = BpmnNamespaces.Model;

    public static readonly XNamespace Focalizacion = BpmnNamespaces.Focalizacion;

    /// <summary>The parsed document, or why the text is not a BPMN 2.0 definitions document.</summary>
    public static Result<XDocument> Load(string xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return Result<XDocument>.Fail("el archivo está vacío");
        }
        XDocument document;
        try
        {
            // No DTD and no resolver: an uploaded file must not make the server read other files or
            // expand entities (XXE, "billion laughs").
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException failure)
        {
            return Result<XDocument>.Fail(xml.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                ? "el archivo declara una DTD (<!DOCTYPE …>), que no se admite por seguridad"
                : $"el archivo no es XML bien formado (línea {failure.LineNumber}, posición {failure.LinePosition})");
        }
        var root = document.Root!;
        if (root.Name == Model + "definitions")
        {
            return Result<XDocument>.Ok(document);
        }
        return Result<XDocument>.Fail(root.Name.LocalName == "definitions"
            ? $"el elemento raíz «definitions» no está en el espacio de nombres de BPMN 2.0 ({BpmnNamespaces.Model}), sino en «{root.Name.NamespaceName}»"
            : $"el elemento raíz es «{root.Name.LocalName}» y no bpmn:definitions: no es un archivo BPMN 2.0");
    }

    public static bool IsModel(XElement element) => element.Name.Namespace == Model;

    /// <summary>How messages name an element kind, with the conventional prefix: "bpmn:scriptTask".</summary>
    public static string Kind(XElement element) =>
        element.Name.Namespace == Model ? "bpmn:" + element.Name.LocalName
        : element.Name.Namespace == Focalizacion ? "foc:" + element.Name.LocalName
        : element.Name.LocalName;

    public static string? Id(XElement element) => NonEmpty(element.Attribute("id")?.Value);

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

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
