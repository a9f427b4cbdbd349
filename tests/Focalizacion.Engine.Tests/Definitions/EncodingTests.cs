using System.Text;
using Focalizacion.Engine.Definitions;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// A file is imported from its bytes, decoded as it says: its byte order mark, else its XML
/// declaration's encoding. Names keep their accents whatever encoding other tools saved them in.
/// </summary>
public class EncodingTests
{
    private const string Name = "Revisión de años, ñandú";

    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>S → T → E in process "P" named <paramref name="name"/>, saved as <paramref name="encoding"/> with the given declaration.</summary>
    private static byte[] File(string? declared, string encoding, bool byteOrderMark, string name = Name)
    {
        var declaration = declared is null ? "<?xml version=\"1.0\"?>" : $"<?xml version=\"1.0\" encoding=\"{declared}\"?>";
        var text = Bpmn.Definitions(Bpmn.Head + Bpmn.Wait + Bpmn.Tail)
            .Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", declaration, StringComparison.Ordinal)
            .Replace("<bpmn:process id=\"P\"", $"<bpmn:process id=\"P\" name=\"{name}\"", StringComparison.Ordinal);
        var bytes = Encoding.GetEncoding(encoding);
        return [.. byteOrderMark ? bytes.GetPreamble() : [], .. bytes.GetBytes(text)];
    }

    [TestCase(null, "utf-8", false)] // no declaration: UTF-8
    [TestCase("UTF-8", "utf-8", true)] // a byte order mark, as Windows editors write it
    [TestCase("ISO-8859-1", "iso-8859-1", false)] // Latin-1, as older Java tools save
    [TestCase("windows-1252", "windows-1252", false)] // needs the code-pages provider
    [TestCase("UTF-16", "utf-16", true)] // little-endian with its byte order mark
    [TestCase("UTF-16", "utf-16BE", true)] // big-endian too
    [TestCase("UTF-16", "utf-16", false)] // without a mark the reader still recognises "<?xml" in UTF-16
    public void Decodes_the_file_as_it_declares(string? declared, string encoding, bool byteOrderMark)
    {
        var result = BpmnImporter.Import(File(declared, encoding, byteOrderMark), Bpmn.Handlers);
        Assert.That(result.Problems, Is.Empty, result.NotBpmnReason);
        Assert.That(result.Definition!.Name, Is.EqualTo(Name));
    }

    [Test]
    public void Windows_1252_characters_outside_latin_1_survive()
    {
        var result = BpmnImporter.Import(File("windows-1252", "windows-1252", false, name: "Presupuesto en €"), Bpmn.Handlers);
        Assert.That(result.Definition?.Name, Is.EqualTo("Presupuesto en €"), result.NotBpmnReason);
    }

    [TestCase("UTF-16", "utf-8", "la codificación que declara (<?xml … encoding=…?>) no corresponde a sus bytes")] // UTF-8 bytes cannot be UTF-16
    [TestCase("UTF-8", "iso-8859-1", "no es XML bien formado (línea 3, posición")] // Latin-1 accents are not UTF-8: the line of the accented name
    [TestCase("klingon", "utf-8", "no es XML bien formado (línea 1, posición")] // an encoding nobody knows
    public void A_declaration_the_bytes_contradict_is_not_well_formed(string declared, string encoding, string reason)
    {
        var result = BpmnImporter.Import(File(declared, encoding, byteOrderMark: false), Bpmn.Handlers);
        Assert.Multiple(() =>
        {
            Assert.That(result.NotBpmnReason, Does.Contain(reason));
            Assert.That(result.Problems, Is.Empty);
            Assert.That(result.Definition, Is.Null);
        });
    }

    [TestCase(new byte[0])] // nothing at all
    [TestCase(new byte[] { 32, 10, 9, 13 })] // only blanks
    public void An_empty_file_says_so(byte[] bytes) =>
        Assert.That(BpmnImporter.Import(bytes, Bpmn.Handlers).NotBpmnReason, Is.EqualTo("el archivo está vacío"));

    [Test]
    public void A_dtd_is_found_in_a_utf16_file_too()
    {
        var text = Bpmn.Definitions("").Replace("encoding=\"UTF-8\"?>", "encoding=\"UTF-16\"?><!DOCTYPE d>", StringComparison.Ordinal);
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        Assert.That(BpmnImporter.Import(bytes, Bpmn.Handlers).NotBpmnReason, Does.Contain("declara una DTD"));
    }

    [Test]
    public void A_null_file_is_a_caller_mistake() =>
        Assert.That(() => BpmnImporter.Import((byte[])null!, Bpmn.Handlers), Throws.ArgumentNullException);
}
