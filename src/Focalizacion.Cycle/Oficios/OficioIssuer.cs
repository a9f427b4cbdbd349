using Focalizacion.Calendar.Regions;

namespace Focalizacion.Cycle.Oficios;

/// <summary>
/// The Sercotec offices that issue oficios, each with its own numbering series: the Gerencia
/// General (one national series) and each Dirección Regional ("direccion-regional-NB").
/// </summary>
public static class OficioIssuer
{
    /// <summary>The national office.</summary>
    public const string GerenciaGeneral = "gerencia-general";

    /// <summary>The setting value naming the region's own office; the region is added to make the series code.</summary>
    public const string DireccionRegional = "direccion-regional";

    /// <summary>The values <c>foc:emisor</c> accepts.</summary>
    public static IReadOnlyList<string> Settings { get; } = [GerenciaGeneral, DireccionRegional];

    /// <summary>The series code for a <c>foc:emisor</c> setting in a region.</summary>
    public static string Code(string setting, Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return setting switch
        {
            GerenciaGeneral => GerenciaGeneral,
            DireccionRegional => $"{DireccionRegional}-{region.IsoSuffix}",
            _ => throw new CycleException(
                $"Emisor de oficio desconocido «{setting}»: debe ser «{GerenciaGeneral}» o «{DireccionRegional}»."),
        };
    }

    /// <summary>How the office is named in the letter ("Dirección Regional de Sercotec Ñuble").</summary>
    public static string DisplayName(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code == GerenciaGeneral)
        {
            return "Gerencia General de Sercotec";
        }
        var suffix = code.StartsWith(DireccionRegional + "-", StringComparison.Ordinal) ? code[(DireccionRegional.Length + 1)..] : null;
        return suffix is not null && RegionRegistry.Find(suffix) is { } region
            ? $"Dirección Regional de Sercotec {region.Name}"
            : code;
    }
}
