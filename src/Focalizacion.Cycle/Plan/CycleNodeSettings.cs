namespace Focalizacion.Cycle.Plan;

/// <summary>
/// The settings the cycle reads on nodes that are not service tasks (service tasks' settings are
/// their handlers'): what a timer or a wait means for the cycle.
/// </summary>
public static class CycleNodeSettings
{
    /// <summary>On a timer: it opens the legal window of the named plazo ("oficio-inicio": nothing is sent before it).</summary>
    public const string Window = "ventana";

    /// <summary>On a receive task: who owes what it waits for ("Sercotec" or "GORE").</summary>
    public const string Owner = "responsable";

    /// <summary>On a receive task: the milestone whose record it waits for.</summary>
    public const string Milestone = "hito";

    /// <summary>The owners <see cref="Owner"/> accepts.</summary>
    public static IReadOnlyList<string> Owners { get; } = ["Sercotec", "GORE"];
}
