using Focalizacion.Calendar.Plazos;

namespace Focalizacion.Engine.Definitions;

/// <summary>
/// A timer that names its plazo (<c>foc:plazo="focalizacion-final"</c>): other rules of the same
/// definition refer to it ("7 días antes del plazo focalizacion-final"), and hosts read the
/// definition's deadlines from these.
/// </summary>
/// <param name="Key">The plazo's name.</param>
/// <param name="Node">The timer event (boundary or catch) that carries it.</param>
/// <param name="Rule">Its plazo rule.</param>
public sealed record NamedPlazo(string Key, FlowNode Node, PlazoRule Rule)
{
    /// <summary>The setting a timer names its plazo with.</summary>
    public const string Setting = "plazo";
}
