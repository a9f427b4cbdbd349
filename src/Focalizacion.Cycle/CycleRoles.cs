namespace Focalizacion.Cycle;

/// <summary>
/// The roles oficios and reminders are addressed to, as the workflow's <c>foc:destinatarios</c>
/// setting names them. The recipients directory maps each to people per region.
/// </summary>
public static class CycleRoles
{
    /// <summary>GORE: the Gobernador Regional.</summary>
    public const string Gobernador = "gore-gobernador";

    /// <summary>GORE: the contraparte oficial for the process.</summary>
    public const string Contraparte = "gore-contraparte";

    /// <summary>Sercotec: the Director Regional.</summary>
    public const string DirectorRegional = "sercotec-director-regional";

    /// <summary>Sercotec: the líder de descentralización of the Dirección Regional.</summary>
    public const string LiderDescentralizacion = "sercotec-lider-descentralizacion";

    /// <summary>Sercotec central: Gerencia de Regiones y Descentralización (not per region).</summary>
    public const string GerenciaRegiones = "central-gerencia-regiones";

    public static IReadOnlyList<string> All { get; } = [Gobernador, Contraparte, DirectorRegional, LiderDescentralizacion, GerenciaRegiones];
}
