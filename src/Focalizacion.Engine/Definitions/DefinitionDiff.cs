namespace Focalizacion.Engine.Definitions;

/// <summary>
/// What changes from one version of a process to another, in the engine's terms: the nodes and
/// flows added and removed, and each setting that differs on an element both have (its name, kind,
/// handler, message, timer rule, boundary attachment, condition and every <c>foc:</c> setting).
/// </summary>
/// <remarks>
/// Layout is not compared: the engine ignores it. This is what the publish confirmation and the
/// visual comparison list beside the diagram's colours.
/// </remarks>
public sealed record DefinitionDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<SettingChange> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static DefinitionDiff Between(WorkflowDefinition before, WorkflowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var beforeIds = before.Nodes.Keys.Concat(before.Flows.Keys).ToHashSet(StringComparer.Ordinal);
        var afterIds = after.Nodes.Keys.Concat(after.Flows.Keys).ToHashSet(StringComparer.Ordinal);
        var changed = new List<SettingChange>();
        foreach (var (id, node) in before.Nodes)
        {
            if (after.Nodes.TryGetValue(id, out var other))
            {
                Compare(id, Settings(node), Settings(other), changed);
            }
        }
        foreach (var (id, flow) in before.Flows)
        {
            if (after.Flows.TryGetValue(id, out var other))
            {
                Compare(id, Settings(flow), Settings(other), changed);
            }
        }
        return new DefinitionDiff(
            [.. afterIds.Where(id => !beforeIds.Contains(id)).Order(StringComparer.Ordinal)],
            [.. beforeIds.Where(id => !afterIds.Contains(id)).Order(StringComparer.Ordinal)],
            changed);
    }

    private static void Compare(string id, Dictionary<string, string> before, Dictionary<string, string> after, List<SettingChange> changes)
    {
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var (was, now) = (before.GetValueOrDefault(name), after.GetValueOrDefault(name));
            if (was != now)
            {
                changes.Add(new SettingChange(id, name, was, now));
            }
        }
    }

    /// <summary>An element's settings by the name the comparison shows them with.</summary>
    private static Dictionary<string, string> Settings(FlowNode node)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["tipo"] = node.Kind };
        if (node.Name is { } name)
        {
            settings["nombre"] = name;
        }
        switch (node)
        {
            case ServiceTask task:
                settings["foc:handler"] = task.Handler;
                break;
            case ReceiveTask receive:
                settings["mensaje"] = receive.Message;
                break;
            case MessageCatchEvent message:
                settings["mensaje"] = message.Message;
                break;
            case BoundaryTimerEvent boundary:
                settings["adjunto a"] = boundary.AttachedTo;
                settings["interrumpe"] = boundary.Interrupting ? "sí" : "no";
                break;
            case ExclusiveGateway { DefaultFlow: { } flow }:
                settings["flujo por defecto"] = flow;
                break;
        }
        if (WorkflowDefinition.TimerOf(node) is { } timer)
        {
            settings["temporizador"] = timer.Text;
        }
        foreach (var (key, value) in node.Settings)
        {
            settings["foc:" + key] = value;
        }
        return settings;
    }

    private static Dictionary<string, string> Settings(SequenceFlow flow)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["origen"] = flow.Source, ["destino"] = flow.Target };
        if (flow.Name is { } name)
        {
            settings["nombre"] = name;
        }
        if (flow.Condition is { } condition)
        {
            settings["condición"] = condition.Text;
        }
        return settings;
    }
}

/// <summary>One setting that differs on an element both versions have; null where a version does not set it.</summary>
public sealed record SettingChange(string ElementId, string Setting, string? Before, string? After);
