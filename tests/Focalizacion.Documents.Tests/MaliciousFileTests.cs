using System.IO.Compression;
using System.Text;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Plantilla;

using Focalizacion.Testing;

namespace Focalizacion.Documents.Tests;

/// <summary>Files that must be refused before they are parsed, each with its Spanish reason.</summary>
public sealed class MaliciousFileTests
{
    private static readonly byte[] Good = TemplateWriter.Write("NB", 2027, Stage.Preliminar, Samples.Nuble(Stage.Preliminar));

    private static string Refusal(byte[] file, WorkbookLimits? limits = null)
    {
        var read = WorkbookReader.Read(new MemoryStream(file), "NB", 2027, Stage.Preliminar, limits);
        Assert.That(read.Focalizacion, Is.Null);
        Assert.That(read.Problems, Has.Count.EqualTo(1));
        Assert.That(read.Problems[0].Sheet, Is.Null);
        return read.Problems[0].Message;
    }

    [Test]
    public void A_file_that_is_not_a_zip_is_not_an_xlsx()
    {
        Assert.That(Refusal(Encoding.UTF8.GetBytes("Región;Instrumento\nÑuble;Crece\n")), Does.StartWith("El archivo no es un libro Excel XLSX"));
        Assert.That(Refusal([]), Does.StartWith("El archivo no es un libro Excel XLSX"));
    }

    [Test]
    public void A_zip_without_a_workbook_is_not_an_xlsx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("hola.txt").Open());
            entry.Write("no soy un libro");
        }
        Assert.That(Refusal(stream.ToArray()), Does.StartWith("El archivo no es un libro Excel XLSX"));
    }

    [Test]
    public void A_truncated_package_is_not_an_xlsx()
    {
        Assert.That(Refusal(Good[..(Good.Length / 2)]), Does.StartWith("El archivo no es un libro Excel XLSX"));
    }

    [Test]
    public void A_zip_bomb_is_refused_before_parsing()
    {
        // 300 MB of zeros compress to about 300 KB: the declared size already exceeds the total allowed.
        var bomb = Workbooks.AddZipEntry(Good, "xl/media/relleno.bin", new byte[300 * 1024 * 1024]);
        Assert.That(bomb.Length, Is.LessThan(2 * 1024 * 1024));

        Assert.That(Refusal(bomb), Does.Contain("bomba zip"));
    }

    [Test]
    public void An_entry_that_lies_about_its_size_inflates_no_further_than_declared()
    {
        // 300 MB of zeros declared as 1 KB in the central directory: .NET's zip reader stops at the
        // declared size (and PackageGuard would refuse an entry giving more), so nothing inflates.
        var bytes = Workbooks.AddZipEntry(Good, "xl/media/relleno.bin", new byte[300 * 1024 * 1024]);
        var directory = LastCentralHeader(bytes);
        BitConverter.GetBytes(1024).CopyTo(bytes, directory + 24);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var read = WorkbookReader.Read(new MemoryStream(bytes), "NB", 2027, Stage.Preliminar);

        Assert.That(read.Problems, Is.Empty);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - allocated, Is.LessThan(100L * 1024 * 1024));
    }

    [Test]
    public void Too_many_entries_are_refused()
    {
        Assert.That(Refusal(Good, WorkbookLimits.Default with { MaxEntries = 5 }), Does.Contain("partes comprimidas"));
    }

    [Test]
    public void A_macro_enabled_workbook_is_refused()
    {
        var xlsm = Workbooks.AddZipEntry(Good, "xl/vbaProject.bin", [0xD0, 0xCF, 0x11, 0xE0], types => types
            .Replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal)
            .Replace("</Types>", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/></Types>", StringComparison.Ordinal));

        Assert.That(Refusal(xlsm), Does.StartWith("El archivo contiene macros"));
    }

    [Test]
    public void Only_the_macro_enabled_content_type_is_enough_to_refuse()
    {
        var xlsm = Workbooks.AddZipEntry(Good, "docProps/extra.xml", "<a/>"u8.ToArray(), types => types
            .Replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal));

        Assert.That(Refusal(xlsm), Does.StartWith("El archivo contiene macros"));
    }

    [Test]
    public void An_external_link_part_is_refused()
    {
        var linked = Workbooks.AddZipEntry(Good, "xl/externalLinks/externalLink1.xml",
            "<externalLink xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"u8.ToArray());

        Assert.That(Refusal(linked), Does.StartWith("El archivo tiene vínculos a otros libros"));
    }

    [Test]
    public void An_external_relationship_is_refused()
    {
        var linked = Workbooks.AddZipEntry(Good, "xl/worksheets/_rels/sheet9.xml.rels", Encoding.UTF8.GetBytes(
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"file:///C:/otro.xlsx\" TargetMode=\"External\"/></Relationships>"));

        Assert.That(Refusal(linked), Does.StartWith("El archivo tiene vínculos a otros libros"));
    }

    [Test]
    public void A_file_larger_than_the_limit_is_refused_without_reading_it_all()
    {
        Assert.That(Refusal(Good, WorkbookLimits.Default with { MaxBytes = Good.Length - 1 }), Does.StartWith("El archivo pesa más de"));
        Assert.That(Refusal(new byte[21 * 1024 * 1024]), Is.EqualTo("El archivo pesa más de 20 MB, el máximo que se acepta."));
    }

    [Test]
    public void Too_many_lines_are_refused()
    {
        var many = TemplateWriter.Write("NB", 2027, Stage.Preliminar, Samples.Nuble(Stage.Preliminar, linesPerInstrument: 10));

        Assert.That(Refusal(many, WorkbookLimits.Default with { MaxLines = 50 }), Does.StartWith("La hoja «Focalización» tiene más de 50 líneas"));
    }

    [Test]
    public void A_renamed_sheet_is_named()
    {
        using var stream = new MemoryStream();
        stream.Write(Good);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == "Territorios").Name = "Hoja2";
        }
        Assert.That(Refusal(stream.ToArray()), Does.StartWith("El libro no tiene la hoja «Territorios»"));
    }

    private static int LastCentralHeader(byte[] bytes)
    {
        for (var i = bytes.Length - 4; i >= 0; i--)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02)
            {
                return i;
            }
        }
        throw new InvalidOperationException("No central directory.");
    }
}
