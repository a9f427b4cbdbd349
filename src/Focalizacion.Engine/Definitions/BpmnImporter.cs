using Focalizacion.Engine.Definitions.Importing;

namespace Focalizacion.Engine.Definitions;

/// <summary>
/// Reads BPMN 2.0 XML as bpmn-js, Camunda Modeler and other standard tools write it, and checks it
/// against the subset the engine runs.
/// </summary>
/// <remarks>
/// Elements are recognised by namespace, whatever prefix the file uses (<c>bpmn:</c>,
/// <c>bpmn2:</c>, none). Diagram layout, documentation, lanes, annotations, pools and other tools'
/// extensions are allowed and skipped; any other BPMN element the engine cannot run is a problem
/// naming it, never silently dropped. Every problem found is reported, in document order. DTDs
/// are refused and nothing outside the text is ever read.
/// </remarks>
public static class BpmnImporter
{
    /// <summary>Imports one BPMN file; bad input gives problems or a not-BPMN reason, never an exception.</summary>
    /// <param name="xml">The file's text.</param>
    /// <param name="knownHandlers">The service-task handler names the host provides (<c>foc:handler</c>).</param>
    public static ImportResult Import(string xml, IReadOnlySet<string> knownHandlers)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(knownHandlers);
        var document = BpmnXml.Load(xml);
        return document.Success
            ? new DefinitionsReader(document.Value, knownHandlers).Read()
            : new ImportResult(null, [], document.Error);
    }
}
