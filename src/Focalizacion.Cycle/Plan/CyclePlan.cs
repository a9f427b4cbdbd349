using System.Runtime.CompilerServices;
using Focalizacion.Calendar.BusinessDays;
using Focalizacion.Calendar.Cycle;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Engine.Definitions;
using NodaTime;

namespace Focalizacion.Cycle.Plan;

/// <summary>
/// A cycle workflow version's milestones, read from the definition itself: each timer that names
/// its plazo (<c>foc:plazo</c>) is a deadline; a timer with <c>foc:ventana</c> opens that plazo's
/// window; the receive task a deadline is attached to says which event records it and who owes it.
/// Everything that shows or uses a cycle's deadlines (emails, <c>ciclo estado</c>, the start-up
/// flags) asks the plan of the version the instance is pinned to.
/// </summary>
/// <remarks>
/// The engine fires the same rules, from the same definition: a deadline changed in a new version
/// changes the timers, the texts and the audit view of that version's instances together, and
/// nothing of the instances pinned to an older one. Descriptions come from the catalogue of
/// milestones (<see cref="CycleMilestones"/>), or the timer's name for a plazo it does not know.
/// </remarks>
public sealed class CyclePlan
{
    // Definitions are immutable and cached by the store, so each one's plan is read once.
    private static readonly ConditionalWeakTable<WorkflowDefinition, CyclePlan> Plans = [];

    private readonly Dictionary<string, string> _events;

    private CyclePlan(WorkflowDefinition definition, IReadOnlyList<CycleMilestone> milestones, Dictionary<string, string> events)
    {
        Definition = definition;
        Milestones = milestones;
        _events = events;
    }

    public WorkflowDefinition Definition { get; }

    /// <summary>The deadlines the definition names, in document order.</summary>
    public IReadOnlyList<CycleMilestone> Milestones { get; }

    /// <summary>The plan of a cycle definition.</summary>
    public static CyclePlan Of(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Plans.GetValue(definition, Read);
    }

    private static CyclePlan Read(WorkflowDefinition definition)
    {
        var windows = new Dictionary<string, Calendar.Plazos.PlazoRule>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes.Values)
        {
            if (WorkflowDefinition.TimerOf(node)?.Rule is { } rule && node.Settings.TryGetValue(CycleNodeSettings.Window, out var key))
            {
                windows.TryAdd(key.Trim(), rule);
            }
        }
        var milestones = new List<CycleMilestone>();
        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var plazo in definition.NamedPlazos)
        {
            var host = plazo.Node is BoundaryTimerEvent boundary ? definition.Nodes.GetValueOrDefault(boundary.AttachedTo) : null;
            if (host is ReceiveTask receive)
            {
                events[plazo.Key] = receive.Message;
            }
            var known = CycleMilestones.Describe(plazo.Key);
            var owner = host?.Settings.GetValueOrDefault(CycleNodeSettings.Owner) ?? known?.Owner ?? "";
            milestones.Add(new CycleMilestone(
                plazo.Key, known?.Description ?? plazo.Node.Name ?? plazo.Key, owner, plazo.Rule, windows.GetValueOrDefault(plazo.Key),
                $"elemento «{plazo.Node.Id}» del flujo «{definition.ProcessId}»")
            { Name = known?.Name ?? plazo.Node.Name ?? plazo.Key });
        }
        return new CyclePlan(definition, milestones, events);
    }

    /// <summary>The milestone named <paramref name="key"/>, or null when this version has no such plazo.</summary>
    public CycleMilestone? Milestone(string key) => Milestones.FirstOrDefault(m => m.Key == key);

    /// <summary>The event that records a milestone (the message its deadline's wait receives), if one does.</summary>
    public string? EventOf(string milestone) => _events.GetValueOrDefault(milestone);

    /// <summary>The deadlines for one region and budget year; those counting from an event not yet recorded are left out.</summary>
    public IReadOnlyList<CycleDeadline> Deadlines(BusinessCalendar calendar, int budgetYear, IReadOnlyDictionary<string, LocalDate> events) =>
        CycleDeadline.Evaluate(Milestones, calendar, budgetYear, events, Definition.PlazoRules);

    /// <summary>The deadline of one milestone, or null when it has none yet (or this version does not name it).</summary>
    public CycleDeadline? Deadline(string milestone, BusinessCalendar calendar, int budgetYear, IReadOnlyDictionary<string, LocalDate> events) =>
        Milestone(milestone) is { } found && CycleDeadline.Evaluate([found], calendar, budgetYear, events, Definition.PlazoRules) is [var deadline] ? deadline : null;
}
