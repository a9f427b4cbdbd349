using Focalizacion.Engine.Definitions;

namespace Focalizacion.Runtime;

/// <summary>A definition refused for its problems (each naming its element), as an import would report them.</summary>
public sealed class DefinitionProblemsException(string message, IReadOnlyList<DefinitionProblem> problems) : Exception(message)
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}
