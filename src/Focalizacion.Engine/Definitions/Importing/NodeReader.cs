using System.Globalization;
using System.Xml.Linq;
using Focalizacion.Calendar;
using Focalizacion.Engine.Definitions.Settings;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Turns one flow-node element of a supported kind into its model type, reporting what is wrong
/// with it. A node whose attributes are wrong still comes back (with a placeholder) so that the
/// structure around it is checked too; a node of an unsupported variant (a timer start event, a
/// message end event) comes back null.
/// </summary>
internal sealed class NodeReader(IReadOnlyDictionary<string, string> messages, IReadOnlySet<string> handlers, ProblemList problems)
{
    /// <summary>The local names of the supported flow-node elements, in the order the designer's palette lists them.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "startEvent", "endEvent", "serviceTask", "userTask", "receiveTask", "intermediateCatchEvent", "boundaryEvent",
        "exclusiveGateway", "parallelGateway",
    ];

    private static readonly string[] PlainChildren = ["documentation", "extensionElements", "incoming", "outgoing"];

    /// <summary>References already reported as unreadable (a QName with an undeclared prefix): not reported again as missing.</summary>
    public HashSet<string> ReportedReferences { get; } = new(StringComparer.Ordinal);

    public FlowNode? Read(XElement element, string id)
    {
        var name = element.Attribute("name")?.Value;
        var definitions = BpmnXml.ModelChildren(element).Where(IsEventDefinition).ToList();
        bool isEvent = element.Name.LocalName.EndsWith("Event", StringComparison.Ordinal);
        foreach (var child in BpmnXml.ModelChildren(element))
        {
            if (!PlainChildren.Contains(child.Name.LocalName) && !(isEvent && IsEventDefinition(child)))
            {
                problems.Add(child, id, $"elemento no soportado ({BpmnXml.Kind(child)})");
            }
        }
        if (element.Name.LocalName != "exclusiveGateway" && element.Attribute("default") is not null)
        {
            problems.Add(element, id, "el flujo por omisión (default) solo se admite en compuertas exclusivas");
        }
        CheckActivityAttributes(element, id);
        FlowNode? node = element.Name.LocalName switch
        {
            "serviceTask" => new ServiceTask(id, name, Handler(element, id)),
            "userTask" => new UserTask(id, name),
            "receiveTask" => new ReceiveTask(id, name, Message(element, id)),
            "exclusiveGateway" => new ExclusiveGateway(id, name, BpmnXml.Attribute(element, "default")),
            "parallelGateway" => new ParallelGateway(id, name),
            _ => Event(element, id, name, definitions),
        };
        return node is null ? null : node with { Settings = SettingsReader.Read(element, problems) };
    }

    private FlowNode? Event(XElement element, string id, string? name, List<XElement> definitions)
    {
        var only = definitions.Count == 1 ? definitions[0].Name.LocalName : null;
        FlowNode? node = TimerDefinitionOf(element) is { } timer
            ? element.Name.LocalName == "boundaryEvent"
                ? new BoundaryTimerEvent(id, name, AttachedTo(element, id), Interrupting(element, id), TimerReader.Read(timer, id, problems))
                : new TimerCatchEvent(id, name, TimerReader.Read(timer, id, problems))
            : (element.Name.LocalName, definitions.Count, only) switch
            {
                ("startEvent", 0, _) => new StartEvent(id, name),
                ("endEvent", 0, _) => new EndEvent(id, name, Terminate: false),
                ("endEvent", 1, "terminateEventDefinition") => new EndEvent(id, name, Terminate: true),
                ("intermediateCatchEvent", 1, "messageEventDefinition") => new MessageCatchEvent(id, name, Message(definitions[0], id)),
                _ => null,
            };
        if (node is TimerCatchEvent { Timer.Kind: TimerKind.Cycle } || node is BoundaryTimerEvent { Interrupting: true, Timer.Kind: TimerKind.Cycle })
        {
            problems.Add(element, id, "una serie de plazos (timeCycle) solo va en un evento de borde que no interrumpe (cancelActivity=\"false\"): son recordatorios");
        }
        if (node is null)
        {
            var detail = definitions.Count switch
            {
                0 => "sin definición de evento",
                1 => "con " + BpmnXml.Kind(definitions[0]),
                _ => "con varias definiciones de evento: " + string.Join(", ", definitions.Select(BpmnXml.Kind)),
            };
            problems.Add(element, id, $"elemento no soportado ({BpmnXml.Kind(element)} {detail})");
        }
        return node;
    }

    private string Handler(XElement task, string id)
    {
        var handler = task.Attribute(BpmnXml.Focalizacion + ImportCatalog.HandlerSetting)?.Value.Trim();
        var known = handlers.Count == 0 ? "no hay ninguno registrado" : "los disponibles son: " + string.Join(", ", handlers.Order(StringComparer.Ordinal));
        if (string.IsNullOrEmpty(handler))
        {
            problems.Add(task, id, $"falta el manejador de la tarea de servicio (atributo foc:handler); {known}");
            return "";
        }
        if (!handlers.Contains(handler))
        {
            problems.Add(task, id, $"el manejador {Spanish.Quote(handler)} no existe; {known}");
        }
        return handler;
    }

    /// <summary>The activity a boundary event is on; empty when missing, the text as written when unreadable (reported here).</summary>
    private string AttachedTo(XElement boundary, string id)
    {
        var reference = BpmnXml.QualifiedReference(boundary, "attachedToRef");
        if (reference.Success)
        {
            return reference.Value ?? "";
        }
        problems.Add(boundary, id, reference.Error);
        var written = BpmnXml.Attribute(boundary, "attachedToRef")!;
        ReportedReferences.Add(written);
        return written;
    }

    /// <summary>The name of the message an element waits for (its <c>messageRef</c>, a QName: "tns:Message_1" as some tools write it).</summary>
    private string Message(XElement element, string id)
    {
        var reference = BpmnXml.QualifiedReference(element, "messageRef");
        if (!reference.Success)
        {
            problems.Add(element, id, reference.Error);
            return "";
        }
        if (reference.Value is null)
        {
            problems.Add(element, id, "falta messageRef: indique el mensaje (bpmn:message) que se espera");
            return "";
        }
        if (messages.TryGetValue(reference.Value, out var name))
        {
            return name;
        }
        problems.Add(element, id, $"el mensaje {Spanish.Quote(BpmnXml.Attribute(element, "messageRef")!)} no existe: no hay un bpmn:message con ese id");
        return "";
    }

    /// <summary>Activity attributes whose other values ask for what the engine does not do; their defaults are fine.</summary>
    private void CheckActivityAttributes(XElement element, string id)
    {
        if (BpmnXml.Attribute(element, "isForCompensation") is { } compensation and not ("false" or "0"))
        {
            problems.Add(element, id, $"isForCompensation={Spanish.Quote(compensation)} no se admite: el motor no ejecuta compensaciones");
        }
        foreach (var quantity in (string[])["startQuantity", "completionQuantity"])
        {
            if (BpmnXml.Attribute(element, quantity) is { } value && !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == 1))
            {
                problems.Add(element, id, $"{quantity}={Spanish.Quote(value)} no se admite: el motor mueve un token a la vez por cada tarea (solo 1)");
            }
        }
        if (element.Name.LocalName == "receiveTask" && BpmnXml.Attribute(element, "instantiate") is { } instantiate and not ("false" or "0"))
        {
            problems.Add(element, id, $"instantiate={Spanish.Quote(instantiate)} no se admite: una tarea de recepción no inicia instancias; cada instancia empieza en el evento de inicio");
        }
    }

    private bool Interrupting(XElement boundary, string id)
    {
        switch (boundary.Attribute("cancelActivity")?.Value.Trim())
        {
            case null or "true" or "1":
                return true;
            case "false" or "0":
                return false;
            case var other:
                problems.Add(boundary, id, $"cancelActivity debe ser true o false, no {Spanish.Quote(other)}");
                return true;
        }
    }

    /// <summary>
    /// The <c>bpmn:timerEventDefinition</c> of a timer the engine schedules (an intermediate catch
    /// event or a boundary event with that one definition), or null for any other element.
    /// </summary>
    public static XElement? TimerDefinitionOf(XElement element) =>
        element.Name.LocalName is "intermediateCatchEvent" or "boundaryEvent"
            && BpmnXml.ModelChildren(element).Where(IsEventDefinition).ToList() is [var only] && only.Name.LocalName == "timerEventDefinition"
            ? only
            : null;

    private static bool IsEventDefinition(XElement element) =>
        element.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal) || element.Name.LocalName == "eventDefinitionRef";
}
