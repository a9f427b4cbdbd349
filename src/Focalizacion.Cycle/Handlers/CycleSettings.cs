using Focalizacion.Cycle.Plan;
using Focalizacion.Engine.Definitions.Settings;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// The settings the cycle lets nodes other than its service tasks carry (a timer's window, a
/// receive task's owner and milestone), and the milestone setting they share with emails.
/// </summary>
public static class CycleSettings
{
    /// <summary>A milestone key: one the catalogue describes, or a plazo the definition names.</summary>
    public static SettingSpec Milestone(string description) => new(CycleNodeSettings.Milestone, description)
    {
        Offered = CycleMilestones.Keys,
        TakesNamedPlazos = true,
        Check = (value, facts) => CycleMilestones.Describe(value) is not null || facts.NamedPlazos.Contains(value)
            ? null
            : $"«{value}» no es un hito del ciclo; los hitos son: {string.Join(", ", CycleMilestones.Keys.Union(facts.NamedPlazos))}",
    };

    /// <summary>A setting whose value is a plazo this definition names.</summary>
    public static SettingSpec NamedPlazo(string name, string description) => new(name, description)
    {
        TakesNamedPlazos = true,
        Check = (value, facts) => facts.NamedPlazos.Contains(value)
            ? null
            : $"«{value}» no es un plazo de esta definición; los plazos nombrados son: {string.Join(", ", facts.NamedPlazos.Order(StringComparer.Ordinal))}",
    };

    public static IReadOnlyList<NodeSetting> Nodes { get; } =
    [
        new(NamedPlazo(CycleNodeSettings.Window, "el plazo cuya ventana legal abre este temporizador"), NodeKind.Timer),
        new(new SettingSpec(CycleNodeSettings.Owner, "quién debe registrar lo que la tarea espera") { Allowed = CycleNodeSettings.Owners },
            NodeKind.ReceiveTask),
        new(Milestone("el hito cuyo registro espera la tarea"), NodeKind.ReceiveTask),
    ];
}
