using System.Xml.Linq;
using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Reads the children of the <c>bpmn:process</c>: supported nodes and sequence flows become
/// model types; documentation, lanes and annotations are skipped; every other BPMN element is
/// reported as unsupported, never silently dropped. Then the structure is checked.
/// </summary>
internal sealed class ProcessReader(XElement process, NodeReader nodeReader, ProblemList problems, IReadOnlySet<XElement> duplicates)
{
    /// <summary>Allowed but never executed: text for people, lanes (who does what) and grouping.</summary>
    private static readonly string[] Skipped = ["documentation", "extensionElements", "laneSet", "textAnnotation", "association", "group"];

    /// <summary>The local name of a sequence flow, the one flow element besides the nodes that runs.</summary>
    public const string SequenceFlowKind = "sequenceFlow";

    /// <summary>For flows without id: the last number given to flows with the same ends.</summary>
    private readonly Dictionary<string, int> _sameEnds = new(StringComparer.Ordinal);

    public (List<FlowNode> Nodes, List<SequenceFlow> Flows) Read()
    {
        var nodes = new List<FlowNode>();
        var flows = new List<FlowDraft>();
        var unsupported = new HashSet<string>(StringComparer.Ordinal);
        SettingsReader.Misplaced(process, BpmnXml.Reference(process), problems);
        foreach (var foreign in process.Elements().Where(e => !BpmnXml.IsModel(e)))
        {
            problems.Add(foreign,
                $"{BpmnXml.Kind(foreign)} (línea {BpmnXml.Line(foreign)}) no es un elemento de BPMN sino de {Spanish.Quote(foreign.Name.NamespaceName)}: "
                + "lo que agregan otras herramientas va dentro de bpmn:extensionElements");
        }
        foreach (var child in BpmnXml.ModelChildren(process))
        {
            var kind = child.Name.LocalName;
            if (Skipped.Contains(kind) || duplicates.Contains(child))
            {
                continue;
            }
            var id = BpmnXml.Id(child);
            if (!NodeReader.Kinds.Contains(kind) && kind != SequenceFlowKind)
            {
                problems.Unsupported(child);
                if (id is not null)
                {
                    unsupported.Add(id);
                }
            }
            else if (kind == SequenceFlowKind)
            {
                flows.Add(FlowReader.Read(child, id ?? FlowId(child), problems));
            }
            else if (id is null)
            {
                problems.Add(child, $"{BpmnXml.Kind(child)} (línea {BpmnXml.Line(child)})", "falta el atributo id");
            }
            else if (nodeReader.Read(child, id) is { } node)
            {
                nodes.Add(node);
            }
            else
            {
                unsupported.Add(id);
            }
        }
        unsupported.UnionWith(nodeReader.ReportedReferences);
        new StructureChecker(nodes, flows, unsupported, problems).Check(process);
        return (nodes, [.. flows.Select(f => f.Flow)]);
    }

    /// <summary>
    /// The id of a sequence flow that has none (the schema allows it, and engines accept it): its
    /// ends, "Tarea_1 → Fin", stable as long as they are. An XML id never has spaces, so only a file
    /// breaking the schema could already use it; then, and for a second flow between the same two
    /// nodes, a number keeps them apart.
    /// </summary>
    private string FlowId(XElement flow)
    {
        var ends = $"{BpmnXml.Attribute(flow, "sourceRef") ?? "?"} → {BpmnXml.Attribute(flow, "targetRef") ?? "?"}";
        var id = ends;
        var n = _sameEnds.GetValueOrDefault(ends, 1);
        while (problems.IsTaken(id))
        {
            id = $"{ends} ({++n})";
        }
        _sameEnds[ends] = n;
        problems.Name(flow, id);
        return id;
    }
}
