using System.Text;
using System.Xml;
using System.Xml.Linq;
using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Safe loading of a BPMN file into a document, from its bytes (decoded as the file itself says)
/// or from text already decoded; or why it is not a BPMN 2.0 definitions document.
/// </summary>
/// <remarks>
/// From bytes, the XML reader decodes: a byte order mark first, else the encoding the XML
/// declaration names, else UTF-8, and a declaration that contradicts the bytes (UTF-8 bytes
/// declaring UTF-16) is not well formed. Decoding the bytes as UTF-8 before the reader sees them
/// would turn every accent of an ISO-8859-1 or windows-1252 file into U+FFFD and hide the
/// contradiction. No DTD and no resolver: an uploaded file must not make the server read other
/// files or expand entities (XXE, "billion laughs"). Size and nesting are checked first, by one
/// streaming pass that holds nothing: building the document costs memory with the size and time
/// with the square of the nesting depth, so a hostile file must be turned away before.
/// </remarks>
internal static class DocumentLoader
{
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static Result<XDocument> Load(byte[] bpmn)
    {
        if (bpmn.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return Result<XDocument>.Fail("el archivo está vacío");
        }
        if (bpmn.Length > BpmnImporter.MaxFileBytes)
        {
            return TooLarge;
        }
        // windows-1252 and the other code pages are not built into .NET; registering again is a no-op.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Load(() => XmlReader.Create(new MemoryStream(bpmn, writable: false), Settings), () => AsText(bpmn));
    }

    public static Result<XDocument> Load(string xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return Result<XDocument>.Fail("el archivo está vacío");
        }
        if (xml.Length > BpmnImporter.MaxFileBytes)
        {
            return TooLarge;
        }
        return Load(() => XmlReader.Create(new StringReader(xml), Settings), () => xml);
    }

    /// <param name="open">A new reader at the start of the file.</param>
    /// <param name="text">The file as text, good enough to look for a DTD once loading failed.</param>
    private static Result<XDocument> Load(Func<XmlReader> open, Func<string> text)
    {
        XDocument document;
        try
        {
            if (TooDeep(open) is { } line)
            {
                return Result<XDocument>.Fail(
                    $"el archivo anida elementos a más de {BpmnImporter.MaxDepth} niveles (línea {line}), el máximo que se acepta; un archivo BPMN real tiene unos 10");
            }
            using var reader = open();
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException failure)
        {
            return Result<XDocument>.Fail(text().Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
                ? "el archivo declara una DTD (<!DOCTYPE …>), que no se admite por seguridad"
                : NotWellFormed(failure));
        }
        var root = document.Root!;
        if (root.Name == BpmnXml.Model + "definitions")
        {
            return Result<XDocument>.Ok(document);
        }
        return Result<XDocument>.Fail(root.Name.LocalName == "definitions"
            ? $"el elemento raíz «definitions» no está en el espacio de nombres de BPMN 2.0 ({BpmnNamespaces.Model}), sino en «{root.Name.NamespaceName}»"
            : $"el elemento raíz es «{root.Name.LocalName}» y no bpmn:definitions: no es un archivo BPMN 2.0");
    }

    private static Result<XDocument> TooLarge =>
        Result<XDocument>.Fail($"el archivo pesa más de {BpmnImporter.MaxFileBytes / (1024 * 1024)} MB, el máximo que se acepta");

    /// <summary>The line of the first element nested deeper than allowed, or null; throws as loading would on bad XML.</summary>
    private static int? TooDeep(Func<XmlReader> open)
    {
        using var reader = open();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth >= BpmnImporter.MaxDepth)
            {
                return ((IXmlLineInfo)reader).LineNumber;
            }
        }
        return null;
    }

    // The reader gives no position when the XML declaration names an encoding the bytes cannot be
    // in (UTF-16 without a byte order mark, for instance).
    private static string NotWellFormed(XmlException failure) => failure.LineNumber > 0
        ? $"el archivo no es XML bien formado (línea {failure.LineNumber}, posición {failure.LinePosition})"
        : "el archivo no es XML bien formado: la codificación que declara (<?xml … encoding=…?>) no corresponde a sus bytes";

    private static string AsText(byte[] bpmn)
    {
        using var reader = new StreamReader(new MemoryStream(bpmn, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
