namespace Focalizacion.Documents.Catalogos;

/// <summary>Opens the data files embedded from <c>Data/</c> (see its README for their provenance).</summary>
internal static class EmbeddedData
{
    public static Stream Open(string fileName) =>
        typeof(EmbeddedData).Assembly.GetManifestResourceStream("Focalizacion.Documents.Data." + fileName)
        ?? throw new InvalidOperationException($"Falta el archivo de datos {fileName} en el ensamblado.");
}
