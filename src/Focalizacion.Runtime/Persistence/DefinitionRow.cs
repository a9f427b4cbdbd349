using NodaTime;

namespace Focalizacion.Runtime.Persistence;

/// <summary>A stored BPMN definition, with the file exactly as uploaded.</summary>
public sealed class DefinitionRow
{
    public long Id { get; set; }

    public required string ProcessKey { get; set; }

    public int? Version { get; set; }

    public DefinitionStatus Status { get; set; }

    public string? Name { get; set; }

    /// <summary>The uploaded file's bytes (not text: its encoding is the file's own, decoded by the importer).</summary>
    public required byte[] BpmnXml { get; set; }

    public Instant CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public Instant? PublishedAt { get; set; }

    /// <summary>Who published it ("ana (api)", as <see cref="Runtime.Actor.ToString"/> names one); null for a draft.</summary>
    public string? PublishedBy { get; set; }

    /// <summary>When it was retired; null while it is not.</summary>
    public Instant? RetiredAt { get; set; }

    /// <summary>Who retired it; null while it is not.</summary>
    public string? RetiredBy { get; set; }
}
