using Focalizacion.Calendar.Plazos;

namespace Focalizacion.Calendar.Cycle;

/// <summary>A legal milestone of the yearly focalización cycle, with who owes it and its deadline rule.</summary>
/// <param name="Key">Stable key used by the CLI, the API and workflow definitions ("focalizacion-final").</param>
/// <param name="Description">What is due, in Spanish.</param>
/// <param name="Owner">Who owes it: "Sercotec" or "GORE".</param>
/// <param name="Rule">The deadline: the last day it may happen.</param>
/// <param name="WindowStart">For milestones with a legal window ("durante la primera quincena de marzo"), its first day; nothing is sent before it.</param>
/// <param name="Source">Where the law says so.</param>
public sealed record CycleMilestone(string Key, string Description, string Owner, PlazoRule Rule, PlazoRule? WindowStart, string Source)
{
    /// <summary>A short Spanish name for column headers ("Focalización final"); the key when none was given.</summary>
    public string Name
    {
        get => field ?? Key;
        init;
    }
}
