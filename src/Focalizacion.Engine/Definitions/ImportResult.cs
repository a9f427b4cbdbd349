namespace Focalizacion.Engine.Definitions;

/// <summary>
/// The outcome of importing a BPMN file: a runnable definition, or the problems that stop it
/// (each naming its element), or the reason the text is not BPMN at all.
/// </summary>
/// <param name="Definition">Set exactly when there are no problems and the text is BPMN.</param>
/// <param name="Problems">Every problem found, in document order.</param>
/// <param name="NotBpmnReason">Set when the text is not XML, or not a BPMN 2.0 definitions document.</param>
public sealed record ImportResult(WorkflowDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems, string? NotBpmnReason)
{
    public bool Success => Definition is not null;
}
