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
        Plazos = new("un hito del ciclo", "los hitos", CycleMilestones.Keys),
    };

    /// <summary>A setting whose value is a plazo this definition names.</summary>
    public static SettingSpec NamedPlazo(string name, string description) => new(name, description)
    {
        Plazos = new("un plazo de esta definición", "los plazos nombrados", []),
    };

    public static IReadOnlyList<NodeSetting> Nodes { get; } =
    [
        new(NamedPlazo(CycleNodeSettings.Window, "el plazo cuya ventana legal abre este temporizador"), NodeKind.Timer),
        new(new SettingSpec(CycleNodeSettings.Owner, "quién debe registrar lo que la tarea espera") { Allowed = CycleNodeSettings.Owners },
            NodeKind.ReceiveTask),
        new(Milestone("el hito cuyo registro espera la tarea"), NodeKind.ReceiveTask),
    ];
}
