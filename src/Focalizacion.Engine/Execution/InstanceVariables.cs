using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Regions;
using NodaTime;

namespace Focalizacion.Engine.Execution;

/// <summary>The variables every focalización instance carries, and how the engine reads them.</summary>
public static class InstanceVariables
{
    /// <summary>The region's ISO suffix ("NB").</summary>
    public const string Region = "region";

    /// <summary>The budget year Y (the cycle runs in Y−1).</summary>
    public const string BudgetYear = "anioPresupuestario";

    /// <summary>
    /// In a handler's copy of the variables only: the recorded event dates ("yyyy-MM-dd", local to
    /// the region) by event name, so a handler can compute the same plazos the timers use.
    /// </summary>
    public const string Events = "eventos";

    public static Region? RegionOf(JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables[Region] is JsonValue value && value.TryGetValue<string>(out var code) ? RegionRegistry.Find(code) : null;
    }

    public static int? BudgetYearOf(JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables[BudgetYear] is JsonValue value && value.TryGetValue<int>(out var year) ? year : null;
    }

    /// <summary>The zone local times of this instance are read in: its region's, or mainland official time without one.</summary>
    public static DateTimeZone ZoneOf(JsonObject variables) => RegionOf(variables)?.Zone ?? ChileanTime.Mainland;

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
