using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions;

namespace Focalizacion.Runtime.Handlers;

/// <summary>What a handler gets: the idempotency key it must honour, and the task's settings and variables.</summary>
/// <param name="Key">The outbox key: the same on every retry, so a handler can make its effect happen once.</param>
/// <param name="InstanceId">The instance whose service task asked for it.</param>
/// <param name="NodeId">The service task.</param>
/// <param name="Settings">The task's extension settings (template, recipients…).</param>
/// <param name="Variables">The instance variables when the task started.</param>
/// <param name="Attempt">1 on the first try.</param>
/// <param name="Definition">The definition version the instance is pinned to: its named plazos are the instance's deadlines.</param>
public sealed record EffectRequest(string Key, Guid InstanceId, string NodeId, IReadOnlyDictionary<string, string> Settings, JsonObject Variables, int Attempt, WorkflowDefinition Definition);
