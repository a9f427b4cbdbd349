namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>
/// A syntax error inside the condition parser; it never leaves it (the parser turns it into a
/// failed <c>Result</c>), it only unwinds the recursive descent.
/// </summary>
internal sealed class ConditionSyntaxException(string reason, int position) : Exception(reason)
{
    /// <summary>1-based position in the condition text.</summary>
    public int Position { get; } = position;
}
