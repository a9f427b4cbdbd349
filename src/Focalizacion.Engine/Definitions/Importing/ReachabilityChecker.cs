namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Every node must be reached from the start through sequence flows and boundary attachments (a
/// boundary event is reached with its activity). A node without incoming flows is already its own
/// problem ("no tiene entrada"), so paths may start there too: what this check reports is what
/// only unreachable nodes lead to, such as a cycle nothing enters, each such node once.
/// </summary>
/// <remarks>
/// Elements already reported as unsupported take part as ordinary nodes, so that what follows one
/// is not reported again.
/// </remarks>
internal sealed class ReachabilityChecker(IReadOnlyList<FlowNode> nodes, IReadOnlyList<FlowDraft> flows, IReadOnlySet<string> unsupported, ProblemList problems)
{
    /// <param name="starts">The ids of the process's start events, supported or not: paths start there whatever leads into them.</param>
    public void Check(IEnumerable<string> starts)
    {
        var known = new HashSet<string>(nodes.Select(n => n.Id).Concat(unsupported), StringComparer.Ordinal);
        var next = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var entered = new HashSet<string>(StringComparer.Ordinal);
        void Link(string from, string to)
        {
            if (known.Contains(from) && known.Contains(to))
            {
                next.TryAdd(from, []);
                next[from].Add(to);
                entered.Add(to);
            }
        }
        foreach (var flow in flows)
        {
            Link(flow.Flow.Source, flow.Flow.Target);
        }
        foreach (var boundary in nodes.OfType<BoundaryTimerEvent>())
        {
            Link(boundary.AttachedTo, boundary.Id);
        }
        var reached = new HashSet<string>(known.Where(id => !entered.Contains(id)).Concat(starts), StringComparer.Ordinal);
        var pending = new Stack<string>(reached);
        while (pending.TryPop(out var at))
        {
            foreach (var to in next.GetValueOrDefault(at) ?? [])
            {
                if (reached.Add(to))
                {
                    pending.Push(to);
                }
            }
        }
        foreach (var node in nodes.Where(n => !reached.Contains(n.Id)))
        {
            problems.Add(node.Id, "no se llega a este elemento desde el evento de inicio: solo le llegan flujos de elementos a los que tampoco se llega, así que nunca se ejecutaría");
        }
    }
}
