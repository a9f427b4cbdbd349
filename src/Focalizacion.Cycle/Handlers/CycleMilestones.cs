using Focalizacion.Calendar.Cycle;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// The milestones an email can be about (<c>foc:hito</c>): the Decreto 246 milestones, with their
/// legal description and owner, plus the steps of the cycle that have no legal deadline.
/// </summary>
public static class CycleMilestones
{
    private static readonly Dictionary<string, (string Description, string Owner)> Extra = new(StringComparer.Ordinal)
    {
        ["ajuste"] = ("Ajuste de la focalización final para cumplir los requisitos del Reglamento (ficha E, Formulario H y A1)", "GORE"),
        ["encuesta-expost"] = ("Encuesta de evaluación ex post e informe de valoración del proceso", "GORE"),
        ["focalizacion-anterior"] = ("Aplicación de la focalización del año anterior", "Sercotec"),
        ["definicion-sercotec"] = ("Focalización según las definiciones internas de Sercotec", "Sercotec"),
    };

    /// <summary>Every key <c>foc:hito</c> accepts.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Decreto246Cycle.Milestones.Select(m => m.Key), .. Extra.Keys];

    /// <summary>The Spanish description and owner ("Sercotec" or "GORE") of a milestone, or null when the key is unknown.</summary>
    public static (string Description, string Owner)? Describe(string key)
    {
        if (Decreto246Cycle.Milestones.FirstOrDefault(m => m.Key == key) is { } milestone)
        {
            return (milestone.Description, milestone.Owner);
        }
        return Extra.TryGetValue(key, out var extra) ? extra : null;
    }
}
