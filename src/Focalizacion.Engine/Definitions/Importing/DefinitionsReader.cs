using System.Xml.Linq;
using Focalizacion.Calendar;
using Focalizacion.Engine.Definitions.Settings;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Reads a <c>bpmn:definitions</c> document: checks ids, finds its one process, collects the
/// messages, and hands the process to <see cref="ProcessReader"/>.
/// </summary>
internal sealed class DefinitionsReader(XDocument document, ImportCatalog catalog, bool checkSettings)
{
    /// <summary>
    /// Top-level elements that only declare things (messages, signals, item types) or describe
    /// the diagram for people. A declaration is harmless: the elements that would use a signal or
    /// an error are themselves reported as unsupported.
    /// </summary>
    private static readonly string[] Declarations =
    [
        "message", "category", "signal", "error", "escalation", "itemDefinition", "dataStore", "interface", "resource",
        "correlationProperty", "documentation", "extensionElements", "import", "relationship",
    ];

    /// <summary>Pools and the message flows drawn between them: a picture of who talks to whom.</summary>
    private static readonly string[] CollaborationParts =
        ["participant", "messageFlow", "documentation", "extensionElements", "textAnnotation", "association", "group"];

    /// <summary>The flow elements of the BPMN schema (its <c>flowElement</c> substitution group).</summary>
    private static readonly HashSet<string> FlowElements = new(StringComparer.Ordinal)
    {
        "adHocSubProcess", "boundaryEvent", "businessRuleTask", "callActivity", "callChoreography", "choreographyTask", "complexGateway",
        "dataObject", "dataObjectReference", "dataStoreReference", "endEvent", "event", "eventBasedGateway", "exclusiveGateway",
        "implicitThrowEvent", "inclusiveGateway", "intermediateCatchEvent", "intermediateThrowEvent", "manualTask", "parallelGateway",
        "receiveTask", "scriptTask", "sendTask", "sequenceFlow", "serviceTask", "startEvent", "subChoreography", "subProcess", "task",
        "transaction", "userTask",
    };

    private readonly ProblemList _problems = new(document);

    public ImportResult Read()
    {
        var root = document.Root!;
        var duplicates = Duplicates(root);
        CheckHiddenFlowElements(root);
        XElement? process = null;
        foreach (var child in BpmnXml.ModelChildren(root))
        {
            switch (child.Name.LocalName)
            {
                case "process" when process is null:
                    process = child;
                    break;
                case "process":
                    _problems.Add(child, $"el archivo tiene más de un proceso y el motor ejecuta uno por archivo (el primero es «{BpmnXml.Reference(process)}»)");
                    break;
                case "collaboration":
                    CheckCollaboration(child);
                    break;
                case var kind when Declarations.Contains(kind):
                    break;
                default:
                    _problems.Unsupported(child);
                    break;
            }
        }
        if (process is null)
        {
            _problems.Add(root, BpmnXml.Id(root) ?? "definitions", "el archivo no tiene ningún proceso (bpmn:process)");
            return Failed();
        }
        var processId = BpmnXml.Id(process);
        if (processId is null)
        {
            _problems.Add(process, $"bpmn:process (línea {BpmnXml.Line(process)})", "falta el atributo id del proceso");
        }
        var messages = Messages(root);
        var nodeReader = new NodeReader(messages, catalog.Handlers.Keys.ToHashSet(StringComparer.Ordinal), _problems);
        var (nodes, flows) = new ProcessReader(process, nodeReader, _problems, duplicates).Read();
        if (checkSettings)
        {
            new SettingsChecker(catalog, _problems).Check(nodes, [.. messages.Values]);
            new PlazoChecker(_problems).Check(nodes, [.. messages.Values]);
        }
        return _problems.Any
            ? Failed()
            : new ImportResult(new WorkflowDefinition(processId!, process.Attribute("name")?.Value, nodes, flows), [], null);
    }

    private ImportResult Failed() => new(null, _problems.InDocumentOrder(), null);

    /// <summary>Every element whose id an earlier element already has; each is reported once.</summary>
    private HashSet<XElement> Duplicates(XElement root)
    {
        var first = new Dictionary<string, XElement>(StringComparer.Ordinal);
        var duplicates = new HashSet<XElement>();
        foreach (var element in root.DescendantsAndSelf())
        {
            if (BpmnXml.Id(element) is not { } id)
            {
                continue;
            }
            if (first.TryGetValue(id, out var earlier))
            {
                duplicates.Add(element);
                _problems.Add(element, id, $"id duplicado: ya lo usa {BpmnXml.Kind(earlier)} en la línea {BpmnXml.Line(earlier)}");
            }
            else
            {
                first.Add(id, element);
            }
        }
        return duplicates;
    }

    /// <summary>
    /// A BPMN flow element inside <c>extensionElements</c> looks like part of the process in some
    /// tools but is not one: nothing there runs, so it is a problem rather than a silent no-op.
    /// </summary>
    private void CheckHiddenFlowElements(XElement root)
    {
        var hidden = root.Descendants(BpmnXml.Model + "extensionElements").Descendants()
            .Where(e => BpmnXml.IsModel(e) && FlowElements.Contains(e.Name.LocalName)).Distinct();
        foreach (var element in hidden)
        {
            var name = element.Attribute("id")?.Value is { Length: > 0 } id ? " " + Spanish.Quote(id) : "";
            _problems.Add(element,
                $"{BpmnXml.Kind(element)}{name} está dentro de extensionElements, donde el motor no ejecuta nada: los elementos del flujo van directamente en el proceso");
        }
    }

    private void CheckCollaboration(XElement collaboration)
    {
        foreach (var part in BpmnXml.ModelChildren(collaboration).Where(p => !CollaborationParts.Contains(p.Name.LocalName)))
        {
            _problems.Unsupported(part);
        }
    }

    /// <summary>Message id → the name events correlate on (the id when it has no name).</summary>
    private static Dictionary<string, string> Messages(XElement root)
    {
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in root.Elements(BpmnXml.Model + "message"))
        {
            if (BpmnXml.Id(message) is { } id)
            {
                messages.TryAdd(id, BpmnXml.Attribute(message, "name") ?? id);
            }
        }
        return messages;
    }
}
