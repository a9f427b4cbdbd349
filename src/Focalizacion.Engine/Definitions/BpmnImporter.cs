using System.Xml.Linq;
using Focalizacion.Calendar;
using Focalizacion.Engine.Definitions.Importing;
using Focalizacion.Engine.Definitions.Settings;

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
    /// <summary>
    /// The largest file accepted: 10 MiB (for text already decoded, as many characters). The
    /// shipped cycle, diagram included, is under 100 KB.
    /// </summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>
    /// The BPMN elements the engine runs, by local name ("startEvent"…, "sequenceFlow"): the nodes it
    /// reads and the flows between them. Any other flow element is refused at import; event variants
    /// (a timer start event) and attributes it cannot honour are refused by the same reading.
    /// </summary>
    public static IReadOnlyList<string> RunnableElements { get; } = [.. NodeReader.Kinds, ProcessReader.SequenceFlowKind];

    /// <summary>The deepest nesting of elements accepted (the root is level 1); real files nest about 10 levels.</summary>
    public const int MaxDepth = 100;

    /// <summary>
    /// Imports one BPMN file as uploaded; the XML reader decodes it as the file says (byte order
    /// mark, else the XML declaration's encoding, else UTF-8). Bad input gives problems or a
    /// not-BPMN reason, never an exception.
    /// </summary>
    /// <param name="bpmn">The file's bytes.</param>
    /// <param name="catalog">The handlers the host provides (<c>foc:handler</c>) with their settings, and the settings other nodes may carry.</param>
    public static ImportResult Import(byte[] bpmn, ImportCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(bpmn);
        ArgumentNullException.ThrowIfNull(catalog);
        return Read(DocumentLoader.Load(bpmn), catalog);
    }

    /// <summary>As <see cref="Import(byte[], ImportCatalog)"/>, with handlers that take no settings (the engine's own tests).</summary>
    public static ImportResult Import(byte[] bpmn, IReadOnlySet<string> knownHandlers) => Import(bpmn, ImportCatalog.WithHandlers(knownHandlers));

    /// <summary>
    /// Reads a version stored earlier, to run it: the file and its structure are checked as at
    /// import, but not its settings and plazo references, which were checked when it was imported
    /// under the rules of the day. A version stays runnable for the instances pinned to it when the
    /// checks of later releases get stricter; what it lacks shows as incidents of those instances.
    /// </summary>
    public static ImportResult Load(byte[] bpmn, ImportCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(bpmn);
        ArgumentNullException.ThrowIfNull(catalog);
        var document = DocumentLoader.Load(bpmn);
        return document.Success
            ? new DefinitionsReader(document.Value, catalog, checkSettings: false).Read()
            : new ImportResult(null, [], document.Error);
    }

    /// <summary>
    /// Imports BPMN text that is already decoded (the XML declaration's encoding is then moot);
    /// for text built in code. A file should go through <see cref="Import(byte[], ImportCatalog)"/>.
    /// </summary>
    /// <param name="xml">The file's text.</param>
    /// <param name="catalog">The handlers the host provides with their settings, and the settings other nodes may carry.</param>
    public static ImportResult Import(string xml, ImportCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(catalog);
        return Read(DocumentLoader.Load(xml), catalog);
    }

    /// <summary>As <see cref="Import(string, ImportCatalog)"/>, with handlers that take no settings (the engine's own tests).</summary>
    public static ImportResult Import(string xml, IReadOnlySet<string> knownHandlers) => Import(xml, ImportCatalog.WithHandlers(knownHandlers));

    /// <summary>
    /// The id and name of the file's first <c>bpmn:process</c>, read even when the rest of the file
    /// does not import (a draft kept with its problems is stored under that key); null when the
    /// file is not XML within <see cref="MaxFileBytes"/> or has no process with an id.
    /// </summary>
    public static (string Key, string? Name)? ProcessOf(byte[] bpmn)
    {
        ArgumentNullException.ThrowIfNull(bpmn);
        var document = DocumentLoader.Load(bpmn);
        if (!document.Success)
        {
            return null;
        }
        var process = document.Value.Descendants(BpmnXml.Model + "process").FirstOrDefault(p => BpmnXml.Id(p) is not null);
        return process is null ? null : (BpmnXml.Id(process)!, BpmnXml.Attribute(process, "name"));
    }

    private static ImportResult Read(Result<XDocument> document, ImportCatalog catalog) =>
        document.Success
            ? new DefinitionsReader(document.Value, catalog, checkSettings: true).Read()
            : new ImportResult(null, [], document.Error);
}
