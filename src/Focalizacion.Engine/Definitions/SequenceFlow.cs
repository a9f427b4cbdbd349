namespace Focalizacion.Engine.Definitions;

/// <summary>A sequence flow between two nodes, with an optional condition (used after exclusive gateways).</summary>
public sealed record SequenceFlow(string Id, string? Name, string Source, string Target, Condition? Condition);
