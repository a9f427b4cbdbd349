namespace Focalizacion.Cycle.Archivo;

/// <summary>
/// What the archive (<see cref="DocumentArchive"/>) holds. The one list of types: the
/// <c>documentos.tipo</c> check constraint of migration 0005 names the same (a test keeps both the same).
/// </summary>
public static class DocumentTypes
{
    /// <summary>An oficio rendered as PDF, as it was attached to its email.</summary>
    public const string OficioPdf = "oficio-pdf";

    /// <summary>A focalización as the GORE uploaded it (XLSX).</summary>
    public const string PlanillaFocalizacion = "planilla-focalizacion";

    /// <summary>The Consejo Regional's acta or acuerdo approving a final focalización.</summary>
    public const string ActaCore = "acta-core";

    /// <summary>A focalización exported by the service (a region's, or the national export).</summary>
    public const string FocalizacionExportada = "focalizacion-exportada";

    public static IReadOnlyList<string> All { get; } = [OficioPdf, PlanillaFocalizacion, ActaCore, FocalizacionExportada];
}
