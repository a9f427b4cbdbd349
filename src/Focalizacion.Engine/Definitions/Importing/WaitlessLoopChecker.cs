using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Refuses every cycle of sequence flows that passes no wait state (a service, user or receive
/// task, a timer or message catch event): within one step the engine would go round it for ever,
/// and a parallel gateway in it would add a token every round.
/// </summary>
/// <remarks>
/// Only gateways can make such a cycle: a start event with a way in, an end event with a way out
/// and a boundary event entered by a flow are problems of their own. So the cycles are the
/// strongly connected components of the gateways and the flows between them, and the gateways
/// with a flow to themselves. A parallel join counts as no wait: tokens of the cycle itself can
/// complete it. The components are found without recursion, so a hostile file cannot exhaust the stack.
/// </remarks>
internal sealed class WaitlessLoopChecker(IReadOnlyList<FlowNode> nodes, IReadOnlyList<FlowDraft> flows, ProblemList problems)
{
    private const int NamedMembers = 10;

    public void Check()
    {
        var gateways = nodes.Where(n => n is ExclusiveGateway or ParallelGateway).ToList(); // in document order
        var index = gateways.Select((gateway, i) => (gateway.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var next = gateways.Select(_ => new List<int>()).ToArray();
        var selfLoops = new HashSet<int>();
        foreach (var flow in flows)
        {
            if (index.TryGetValue(flow.Flow.Source, out var from) && index.TryGetValue(flow.Flow.Target, out var to))
            {
                next[from].Add(to);
                if (from == to)
                {
                    selfLoops.Add(from);
                }
            }
        }
        foreach (var component in Components(next).Where(c => c.Count > 1 || selfLoops.Contains(c[0])))
        {
            component.Sort();
            var first = gateways[component[0]];
            var others = component.Skip(1).Take(NamedMembers).Select(i => Spanish.Quote(gateways[i].Id)).ToList();
            var more = component.Count - 1 - others.Count;
            problems.Add(first.Id, others.Count == 0
                ? "un flujo sale de esta compuerta y vuelve a ella sin pasar por una espera (tarea o evento intermedio): la instancia daría vueltas sin fin"
                : $"forma un ciclo sin esperas con {string.Join(", ", others)}{(more > 0 ? $" y {more} compuertas más" : "")}: "
                    + "los flujos entre estas compuertas vuelven al comienzo sin pasar por una tarea ni un evento intermedio, así que la instancia daría vueltas sin fin");
        }
    }

    /// <summary>Tarjan's strongly connected components, with an explicit stack of (node, next edge to follow).</summary>
    private static List<List<int>> Components(List<int>[] next)
    {
        var order = Enumerable.Repeat(-1, next.Length).ToArray();
        var low = new int[next.Length];
        var open = new bool[next.Length];
        var path = new Stack<int>();
        var work = new Stack<(int Node, int Edge)>();
        var components = new List<List<int>>();
        int counter = 0;
        for (int root = 0; root < next.Length; root++)
        {
            if (order[root] >= 0)
            {
                continue;
            }
            work.Push((root, 0));
            while (work.TryPop(out var item))
            {
                var (node, edge) = item;
                if (edge == 0)
                {
                    order[node] = low[node] = counter++;
                    path.Push(node);
                    open[node] = true;
                }
                if (edge < next[node].Count)
                {
                    var target = next[node][edge];
                    work.Push((node, edge + 1));
                    if (order[target] < 0)
                    {
                        work.Push((target, 0));
                    }
                    else if (open[target])
                    {
                        low[node] = Math.Min(low[node], order[target]);
                    }
                    continue;
                }
                if (low[node] == order[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = path.Pop();
                        open[member] = false;
                        component.Add(member);
                    }
                    while (member != node);
                    components.Add(component);
                }
                if (work.TryPeek(out var parent))
                {
                    low[parent.Node] = Math.Min(low[parent.Node], low[node]);
                }
            }
        }
        return components;
    }
}
