namespace Focalizacion.Engine.Execution;

/// <summary>A token: one thread of execution, resting at a node while it waits.</summary>
/// <param name="Id">Unique within the instance ("k7").</param>
/// <param name="NodeId">Where it waits.</param>
/// <param name="Wait">What it waits for.</param>
/// <param name="Key">For a message wait the message name; for an effect wait the outbox key; for an incident the reason.</param>
/// <param name="ArrivedBy">For a join, the incoming flow it arrived by.</param>
public sealed record Token(string Id, string NodeId, TokenWait Wait, string? Key = null, string? ArrivedBy = null);
