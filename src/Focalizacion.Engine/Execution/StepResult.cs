namespace Focalizacion.Engine.Execution;

/// <summary>
/// The outcome of one engine step: the new state and the effects to persist with it, or a refusal
/// (with a Spanish reason) that leaves the instance unchanged.
/// </summary>
public sealed record StepResult(InstanceState State, IReadOnlyList<EngineEffect> Effects, string? Refusal)
{
    public bool Applied => Refusal is null;

    public static StepResult Refused(InstanceState state, string reason) => new(state, [], reason);
}
