namespace Focalizacion.Engine.Execution;

/// <summary>A node where an instance waits (a token, or one of its timers), and whether a target version can take it over.</summary>
/// <param name="NodeId">The node's BPMN id.</param>
/// <param name="Label">How the source version names it ("Esperar documento (Esperar)").</param>
/// <param name="What">What waits there, in Spanish ("espera el mensaje «x»", "temporizador «P30D», vence …").</param>
/// <param name="Problem">Why the target cannot take it over (it has no such node, or one of another kind); null when it can.</param>
public sealed record WaitingNode(string NodeId, string Label, string What, string? Problem)
{
    public bool InTarget => Problem is null;
}
