using System.Xml.Linq;
using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// The checks that need the whole process: flows that lead nowhere, nodes without a way in or
/// out or not reached from the start, exclusive gateways whose choice is not fully specified,
/// boundary timers on the wrong element, the single start event, cycles that never wait. A
/// reference to an element already reported as unsupported is not reported again, so one
/// unsupported element gives one problem.
/// </summary>
internal sealed class StructureChecker(IReadOnlyList<FlowNode> nodes, IReadOnlyList<FlowDraft> flows, IReadOnlySet<string> unsupported, ProblemList problems)
{
    private readonly Dictionary<string, FlowNode> _nodes = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
    private readonly ILookup<string, FlowDraft> _outgoing = flows.ToLookup(f => f.Flow.Source, StringComparer.Ordinal);
    private readonly ILookup<string, FlowDraft> _incoming = flows.ToLookup(f => f.Flow.Target, StringComparer.Ordinal);

    public void Check(XElement process)
    {
        foreach (var draft in flows)
        {
            CheckFlow(draft);
        }
        foreach (var node in nodes)
        {
            CheckNode(node);
        }
        CheckStart(process);
        // Without any start event, "not reached from the start" would only repeat that one problem.
        var starts = process.Elements(BpmnXml.Model + "startEvent").Select(BpmnXml.Id).OfType<string>().ToList();
        if (starts.Count > 0)
        {
            new ReachabilityChecker(nodes, flows, unsupported, problems).Check(starts);
        }
        new WaitlessLoopChecker(nodes, flows, problems).Check();
    }

    private void CheckFlow(FlowDraft draft)
    {
        var flow = draft.Flow;
        CheckEnd(flow, "origen", "sourceRef", flow.Source);
        CheckEnd(flow, "destino", "targetRef", flow.Target);
        if (draft.HasCondition && _nodes.TryGetValue(flow.Source, out var source) && source is not ExclusiveGateway)
        {
            problems.Add(flow.Id, $"solo los flujos que salen de una compuerta exclusiva llevan condición, y este sale de «{source.Id}» ({source.Kind})");
        }
    }

    private void CheckEnd(SequenceFlow flow, string role, string attribute, string reference)
    {
        if (reference.Length == 0)
        {
            problems.Add(flow.Id, $"flujo colgante: falta {attribute} (el {role} del flujo)");
        }
        else if (!_nodes.ContainsKey(reference) && !unsupported.Contains(reference))
        {
            problems.Add(flow.Id, $"flujo colgante: el {role} {Spanish.Quote(reference)} no es un nodo del proceso");
        }
    }

    private void CheckNode(FlowNode node)
    {
        var outgoing = _outgoing[node.Id].ToList();
        bool hasIncoming = _incoming[node.Id].Any();
        if (node is EndEvent)
        {
            if (outgoing.Count > 0)
            {
                problems.Add(node.Id, "un evento de fin no puede tener flujos de salida");
            }
        }
        else if (outgoing.Count == 0)
        {
            problems.Add(node.Id, node is ExclusiveGateway or ParallelGateway
                ? "la compuerta no tiene salida: ningún flujo sale de ella"
                : "no tiene salida: ningún flujo sale de este elemento");
        }
        switch (node)
        {
            case StartEvent when hasIncoming:
                problems.Add(node.Id, "un evento de inicio no puede tener flujos de entrada");
                break;
            case BoundaryTimerEvent boundary:
                if (hasIncoming)
                {
                    problems.Add(node.Id, "un evento de borde no puede tener flujos de entrada: se activa por su temporizador");
                }
                CheckAttachment(boundary);
                break;
            case StartEvent:
                break;
            case var _ when !hasIncoming:
                problems.Add(node.Id, "no tiene entrada: ningún flujo llega a este elemento, así que nunca se ejecutaría");
                break;
        }
        if (node is ExclusiveGateway gateway)
        {
            CheckExclusive(gateway, outgoing);
        }
    }

    private void CheckAttachment(BoundaryTimerEvent boundary)
    {
        if (boundary.AttachedTo.Length == 0)
        {
            problems.Add(boundary.Id, "falta attachedToRef: el evento de borde debe ir sobre una tarea");
        }
        else if (_nodes.TryGetValue(boundary.AttachedTo, out var host))
        {
            if (host is not (ServiceTask or UserTask or ReceiveTask))
            {
                problems.Add(boundary.Id, $"está adosado a «{host.Id}» ({host.Kind}), que no es una tarea que espera (de servicio, de usuario o de recepción)");
            }
        }
        else if (!unsupported.Contains(boundary.AttachedTo))
        {
            problems.Add(boundary.Id, $"está adosado a {Spanish.Quote(boundary.AttachedTo)}, que no existe en el proceso");
        }
    }

    private void CheckExclusive(ExclusiveGateway gateway, List<FlowDraft> outgoing)
    {
        if (gateway.DefaultFlow is { } defaultId)
        {
            var defaultFlow = outgoing.Find(f => f.Flow.Id == defaultId);
            if (defaultFlow is null)
            {
                problems.Add(gateway.Id, $"el flujo por omisión {Spanish.Quote(defaultId)} no es uno de los flujos que salen de la compuerta");
            }
            else if (defaultFlow.HasCondition)
            {
                problems.Add(defaultId, $"es el flujo por omisión de «{gateway.Id}» y no debe llevar condición");
            }
        }
        if (outgoing.Count < 2)
        {
            return;
        }
        foreach (var draft in outgoing.Where(f => !f.HasCondition && f.Flow.Id != gateway.DefaultFlow))
        {
            problems.Add(draft.Flow.Id, $"sale de la compuerta exclusiva «{gateway.Id}» sin condición y no es su flujo por omisión");
        }
    }

    private void CheckStart(XElement process)
    {
        var starts = nodes.OfType<StartEvent>().ToList();
        // A start event of an unsupported kind is already reported; "no start event" would repeat it.
        if (starts.Count == 0 && !process.Elements(BpmnXml.Model + "startEvent").Any())
        {
            problems.Add(process, "el proceso no tiene evento de inicio (bpmn:startEvent sin definición de evento)");
        }
        foreach (var extra in starts.Skip(1))
        {
            problems.Add(extra.Id, $"el proceso ya tiene un evento de inicio («{starts[0].Id}»); solo se admite uno");
        }
    }
}
