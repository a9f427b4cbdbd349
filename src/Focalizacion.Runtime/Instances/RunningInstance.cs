using Focalizacion.Engine.Execution;

namespace Focalizacion.Runtime.Instances;

/// <summary>An instance still running (or suspended) on one definition version, and where it waits.</summary>
public sealed record RunningInstance(Guid Id, string? CorrelationKey, string Status, IReadOnlyList<WaitingNode> Waiting);
