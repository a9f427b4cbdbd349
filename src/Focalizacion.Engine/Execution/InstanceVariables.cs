using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Execution;

/// <summary>How the engine handles an instance's variables; what they mean is the host's business.</summary>
public static class InstanceVariables
{
    /// <summary>
    /// In a handler's copy of the variables only: the recorded event dates ("yyyy-MM-dd", local to
    /// the instance's zone) by event name, so a handler can compute the same plazos the timers use.
    /// </summary>
    public const string Events = "eventos";

    /// <summary>Copies <paramref name="source"/>'s properties over <paramref name="target"/>.</summary>
    public static void Merge(JsonObject target, JsonObject? source)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (source is null)
        {
            return;
        }
        foreach (var (name, value) in source)
        {
            target[name] = value?.DeepClone();
        }
    }
}
