using Focalizacion.Calendar;
using Focalizacion.Calendar.Plazos;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// The plazos of one definition, checked together: a name is given once and only to a timer whose
/// value is a plazo rule; every rule that counts from a plazo counts from one this definition names
/// (there are no built-in ones), and from an event this definition receives; no plazo refers to itself
/// through others. What would otherwise be an incident the day the timer is scheduled is a problem now.
/// </summary>
internal sealed class PlazoChecker(ProblemList problems)
{
    public void Check(IReadOnlyList<FlowNode> nodes, IReadOnlyCollection<string> messages)
    {
        var named = new Dictionary<string, (FlowNode Node, PlazoRule Rule)>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (WorkflowDefinition.TimerOf(node) is not { } timer || !node.Settings.TryGetValue(NamedPlazo.Setting, out var raw))
            {
                continue;
            }
            var key = raw.Trim();
            if (timer.Rule is not { } rule)
            {
                problems.Add(node.Id, $"foc:{NamedPlazo.Setting}: solo un temporizador con una regla de plazo (timeDate con language=\"{TimerDefinition.PlazoLanguage}\") puede nombrar un plazo");
            }
            else if (named.TryGetValue(key, out var first))
            {
                problems.Add(node.Id, $"foc:{NamedPlazo.Setting}: el plazo {Spanish.Quote(key)} ya lo nombra «{first.Node.Id}»");
            }
            else
            {
                named.Add(key, (node, rule));
            }
        }
        foreach (var node in nodes)
        {
            if (WorkflowDefinition.TimerOf(node) is { } timer)
            {
                CheckReferences(node, timer, named, messages);
            }
        }
        foreach (var (key, (node, _)) in named)
        {
            if (Loop(key, named) is { } path)
            {
                problems.Add(node.Id, $"el plazo {Spanish.Quote(key)} se refiere a sí mismo: {string.Join(" → ", path)}");
            }
        }
    }

    private void CheckReferences(FlowNode node, TimerDefinition timer, Dictionary<string, (FlowNode Node, PlazoRule Rule)> named, IReadOnlyCollection<string> messages)
    {
        IEnumerable<(string Text, PlazoRule Rule)> rules = timer.Series ?? (timer.Rule is { } single ? [(timer.Text, single)] : []);
        foreach (var (text, rule) in rules)
        {
            switch (rule.Anchor)
            {
                case DayOffset { Kind: ReferenceKind.Plazo } offset when !named.ContainsKey(offset.Key):
                    problems.Add(node.Id, $"{Spanish.Quote(text)} cuenta desde el plazo {Spanish.Quote(offset.Key)}, que ningún temporizador de esta definición nombra (foc:{NamedPlazo.Setting}); "
                        + (named.Count == 0 ? "no nombra ninguno" : "los plazos nombrados son: " + string.Join(", ", named.Keys)));
                    return;
                case DayOffset { Kind: ReferenceKind.Event } offset when !messages.Contains(offset.Key):
                    problems.Add(node.Id, $"{Spanish.Quote(text)} cuenta desde el evento {Spanish.Quote(offset.Key)}, que esta definición no recibe (ningún bpmn:message se llama así)");
                    return;
            }
        }
    }

    /// <summary>The chain of plazos by which <paramref name="start"/> refers back to itself, or null.</summary>
    private static List<string>? Loop(string start, Dictionary<string, (FlowNode Node, PlazoRule Rule)> named)
    {
        var path = new List<string> { start };
        var at = start;
        // Each plazo refers to at most one other, so following the chain ends or comes back within named.Count steps.
        for (int step = 0; step < named.Count; step++)
        {
            if (named[at].Rule.Anchor is not DayOffset { Kind: ReferenceKind.Plazo } offset || !named.ContainsKey(offset.Key))
            {
                return null;
            }
            path.Add(offset.Key);
            if (offset.Key == start)
            {
                return path;
            }
            at = offset.Key;
        }
        return null;
    }
}
