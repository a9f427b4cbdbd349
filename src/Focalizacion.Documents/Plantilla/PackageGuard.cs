using System.IO.Compression;
using System.Xml;
using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Documents.Plantilla;

/// <summary>
/// Checks an uploaded package before anything parses it: a zip with a workbook, within the counts and
/// sizes of <see cref="WorkbookLimits"/> (declared in the zip directory and actually decompressed),
/// with no macros and no links to other files. Each entry is decompressed once, in a stream, to count it.
/// </summary>
internal static class PackageGuard
{
    public const string NotXlsx = "El archivo no es un libro Excel XLSX: descargue la plantilla del servicio, llénela y súbala guardada como «Libro de Excel (.xlsx)».";

    private const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    /// <summary>Null when the package may be parsed; otherwise why not, in Spanish.</summary>
    public static string? Check(Stream package, WorkbookLimits limits)
    {
        Span<byte> magic = stackalloc byte[4];
        package.Position = 0;
        if (package.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4)
        {
            return NotXlsx;
        }
        package.Position = 0;
        try
        {
            using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            return CheckEntries(zip, limits);
        }
        catch (InvalidDataException)
        {
            return NotXlsx;
        }
        catch (XmlException)
        {
            return NotXlsx;
        }
        finally
        {
            package.Position = 0;
        }
    }

    private static string? CheckEntries(ZipArchive zip, WorkbookLimits limits)
    {
        var entries = zip.Entries;
        if (entries.Count > limits.MaxEntries)
        {
            return $"El archivo tiene {LineText.Whole(entries.Count)} partes comprimidas; un libro XLSX de la plantilla tiene muchas menos (máximo {LineText.Whole(limits.MaxEntries)}). No se procesa.";
        }
        var bomb = $"El archivo se descomprime a más de {LineText.Whole(limits.MaxUncompressedBytes / 1_048_576)} MB o declara tamaños falsos (posible «bomba zip»). No se procesa.";
        if (entries.Sum(e => e.Length) > limits.MaxUncompressedBytes)
        {
            return bomb;
        }
        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/').TrimStart('/');
            if (name.Contains("vbaProject", StringComparison.OrdinalIgnoreCase))
            {
                return Macros;
            }
            if (name.StartsWith("xl/externalLinks/", StringComparison.OrdinalIgnoreCase))
            {
                return ExternalLinks;
            }
        }
        long total = 0;
        var hasWorkbook = false;
        foreach (var entry in entries)
        {
            var name = entry.FullName;
            using var counted = new CountingStream(entry.Open(), Math.Min(entry.Length, limits.MaxUncompressedBytes - total));
            try
            {
                if (name == "[Content_Types].xml")
                {
                    var types = ContentTypes(counted);
                    if (types.Any(t => t.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || t.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)))
                    {
                        return Macros;
                    }
                    if (types.Any(t => t.Contains("externalLink", StringComparison.OrdinalIgnoreCase)))
                    {
                        return ExternalLinks;
                    }
                    hasWorkbook = types.Contains(WorkbookContentType);
                }
                else if (name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
                {
                    if (HasExternalTarget(counted))
                    {
                        return ExternalLinks;
                    }
                }
                counted.CopyTo(Stream.Null);
            }
            catch (CountingStream.TooLongException)
            {
                return bomb;
            }
            total += counted.Count;
        }
        return hasWorkbook ? null : NotXlsx;
    }

    private const string Macros = "El archivo contiene macros (libro .xlsm o proyecto VBA): por seguridad no se aceptan. Guárdelo como «Libro de Excel (.xlsx)» y súbalo de nuevo.";

    private const string ExternalLinks = "El archivo tiene vínculos a otros libros o direcciones externas: por seguridad no se aceptan. Quite los vínculos (Datos › Editar vínculos › Romper vínculo) y súbalo de nuevo.";

    private static XmlReaderSettings Settings => new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };

    private static List<string> ContentTypes(Stream stream)
    {
        var types = new List<string>();
        using var xml = XmlReader.Create(stream, Settings);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.GetAttribute("ContentType") is { } type)
            {
                types.Add(type);
            }
        }
        return types;
    }

    private static bool HasExternalTarget(Stream stream)
    {
        using var xml = XmlReader.Create(stream, Settings);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && string.Equals(xml.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads through an entry, failing once it gives more than it may (its declared size, or what is left of the total).</summary>
    private sealed class CountingStream(Stream inner, long max) : Stream
    {
        public long Count { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Count += read;
            return Count > max ? throw new TooLongException() : read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        internal sealed class TooLongException : Exception
        {
            public TooLongException()
                : base("Entry larger than allowed.")
            {
            }
        }
    }
}
