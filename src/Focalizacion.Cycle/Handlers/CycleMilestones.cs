using Focalizacion.Calendar.Cycle;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// The milestones an email can be about (<c>foc:hito</c>): the Decreto 246 milestones, with their
/// legal description and owner, plus the steps of the cycle that have no legal deadline.
/// </summary>
public static class CycleMilestones
{
    private static readonly Dictionary<string, (string Description, string Owner, string Name)> Extra = new(StringComparer.Ordinal)
    {
        ["revision-final"] = ("Revisión de la focalización final por Sercotec: confirma o corrige el resultado automático, con motivo y observaciones", "Sercotec", "Revisión de la final"),
        ["ajuste"] = ("Ajuste de la focalización final para cumplir los requisitos del Reglamento (ficha E, Formulario H y A1)", "GORE", "Ajuste"),
        ["encuesta-expost"] = ("Encuesta de evaluación ex post e informe de valoración del proceso", "GORE", "Encuesta ex post"),
        ["focalizacion-anterior"] = ("Aplicación de la focalización del año anterior", "Sercotec", "Focalización anterior"),
        ["definicion-sercotec"] = ("Focalización según las definiciones internas de Sercotec", "Sercotec", "Definición de Sercotec"),
    };

    /// <summary>Every key <c>foc:hito</c> accepts.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Decreto246Cycle.Milestones.Select(m => m.Key), .. Extra.Keys];

    /// <summary>The Spanish description, owner ("Sercotec" or "GORE") and short name of a milestone, or null when the key is unknown.</summary>
    public static (string Description, string Owner, string Name)? Describe(string key)
    {
        if (Decreto246Cycle.Milestones.FirstOrDefault(m => m.Key == key) is { } milestone)
        {
            return (milestone.Description, milestone.Owner, milestone.Name);
        }
        return Extra.TryGetValue(key, out var extra) ? extra : null;
    }
}
