using Focalizacion.Engine.Execution;

namespace Focalizacion.Runtime.Instances;

/// <summary>What migrating one instance did, or would do in a dry run.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="CorrelationKey">What its host finds it by ("NB/2027").</param>
/// <param name="Waiting">Where it waits, each node checked against the target.</param>
/// <param name="Changes">The timer changes, as the journal words them (rescheduled, dropped, added).</param>
/// <param name="Refusal">Why it cannot be migrated (Spanish, naming the nodes); null when it can.</param>
/// <param name="Migrated">Whether it was moved (never in a dry run).</param>
public sealed record MigrationOutcome(
    Guid InstanceId, string? CorrelationKey, IReadOnlyList<WaitingNode> Waiting, IReadOnlyList<string> Changes, string? Refusal, bool Migrated);
