using System.Xml.Linq;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// The problems of one import. Checks run in several passes, so each problem remembers the
/// element it is about and the list is handed out in document order.
/// </summary>
internal sealed class ProblemList
{
    private readonly Dictionary<XElement, int> _documentOrder = [];
    private readonly Dictionary<string, XElement> _byId = new(StringComparer.Ordinal);
    private readonly List<(int Order, DefinitionProblem Problem)> _problems = [];

    public ProblemList(XDocument document)
    {
        foreach (var element in document.Descendants())
        {
            _documentOrder[element] = _documentOrder.Count;
            if (BpmnXml.Id(element) is { } id)
            {
                _byId.TryAdd(id, element);
            }
        }
    }

    public bool Any => _problems.Count > 0;

    /// <summary>Whether some element already goes by <paramref name="id"/>.</summary>
    public bool IsTaken(string id) => _byId.ContainsKey(id);

    /// <summary>Lets problems name an element without an id of its own by the id the importer gave it.</summary>
    public void Name(XElement element, string id) => _byId.TryAdd(id, element);

    public void Add(XElement at, string message) => Add(at, BpmnXml.Reference(at), message);

    public void Add(XElement at, string elementId, string message) =>
        _problems.Add((_documentOrder[at], new DefinitionProblem(elementId, message)));

    /// <summary>A problem about an element known by id (nodes and flows, after reading).</summary>
    public void Add(string elementId, string message) => Add(_byId[elementId], elementId, message);

    /// <summary>The unsupported-element problem, one wording for every kind.</summary>
    public void Unsupported(XElement element, string? detail = null) =>
        Add(element, $"elemento no soportado ({BpmnXml.Kind(element)}{(detail is null ? "" : " " + detail)})");

    public IReadOnlyList<DefinitionProblem> InDocumentOrder() =>
        [.. _problems.OrderBy(p => p.Order).Select(p => p.Problem)]; // OrderBy is stable: same-element problems keep their order
}
