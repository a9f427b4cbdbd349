namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// A sequence flow as read, before the structure is checked. A missing sourceRef or targetRef is
/// an empty string; <paramref name="HasCondition"/> is true even when the condition failed to
/// parse, so that it is not also reported as missing.
/// </summary>
internal sealed record FlowDraft(SequenceFlow Flow, bool HasCondition);
