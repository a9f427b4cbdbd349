namespace Focalizacion.Engine.Definitions;

/// <summary>One reason a BPMN file cannot run: the element id and a Spanish reason.</summary>
public sealed record DefinitionProblem(string ElementId, string Message)
{
    public override string ToString() => $"{ElementId}: {Message}";
}
