using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Focalizacion.Cycle.Oficios;

/// <summary>
/// The TrueType files the oficios' PDFs are written with (embedded, so accents and ñ show the same
/// everywhere): Debian's fonts-dejavu-core by default, other files through
/// FOCALIZACION_PDF_FUENTE and FOCALIZACION_PDF_FUENTE_NEGRITA.
/// </summary>
/// <param name="Regular">The regular face's file.</param>
/// <param name="Bold">The bold face's file.</param>
public sealed record PdfFonts(string Regular, string Bold)
{
    /// <summary>Debian's fonts-dejavu-core (what deploy/servicio.sh and deploy/test.sh install).</summary>
    public static PdfFonts DejaVu { get; } = new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    /// <summary>The files from FOCALIZACION_PDF_FUENTE and FOCALIZACION_PDF_FUENTE_NEGRITA, each defaulting to DejaVu's.</summary>
    public static PdfFonts From(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        static string? Read(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return new(Read(variables(RegularVariable)) ?? DejaVu.Regular, Read(variables(BoldVariable)) ?? DejaVu.Bold);
    }

    internal const string RegularVariable = "FOCALIZACION_PDF_FUENTE";

    internal const string BoldVariable = "FOCALIZACION_PDF_FUENTE_NEGRITA";

    /// <summary>The family name PDFsharp is asked for; its faces are these files (<see cref="Resolver"/>).</summary>
    internal string Family()
    {
        foreach (var (path, variable) in new[] { (Regular, RegularVariable), (Bold, BoldVariable) })
        {
            if (!File.Exists(path))
            {
                throw new CycleException(
                    $"No se encuentra la fuente «{path}» con que se escriben los oficios en PDF ({variable}): instale el paquete fonts-dejavu-core " +
                    "(apt-get install fonts-dejavu-core) o indique en esa variable un archivo TrueType (.ttf) que exista.");
            }
        }
        Resolver.Install();
        return Resolver.Family(this);
    }

    /// <summary>
    /// PDFsharp's font resolver is one per process, set once: families are registered here by their
    /// files, and a face is named by its file, whose bytes are read once.
    /// </summary>
    private sealed class Resolver : IFontResolver
    {
        private static readonly Resolver Instance = new();
        private static readonly Lock Installing = new();
        private static readonly ConcurrentDictionary<string, PdfFonts> Families = new(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

        public static void Install()
        {
            lock (Installing)
            {
                if (GlobalFontSettings.FontResolver != Instance)
                {
                    GlobalFontSettings.FontResolver = Instance;
                }
            }
        }

        public static string Family(PdfFonts fonts)
        {
            // A short stable name per pair of files (PDFsharp keys its caches by it).
            var name = "Oficio-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fonts.Regular + "\n" + fonts.Bold)))[..12];
            Families.TryAdd(name, fonts);
            return name;
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            Families.TryGetValue(familyName, out var fonts) ? new FontResolverInfo(bold ? fonts.Bold : fonts.Regular) : null;

        public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, File.ReadAllBytes);
    }
}
