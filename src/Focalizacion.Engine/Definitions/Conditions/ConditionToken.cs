namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>A token with its 1-based position in the condition text as written.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Raw">The text of the token as written ("" for the end).</param>
/// <param name="Position">1-based position of its first character.</param>
/// <param name="Value">For a literal, its value.</param>
/// <param name="Operator">For a comparison, which one.</param>
internal sealed record ConditionToken(TokenKind Kind, string Raw, int Position, ConditionValue Value = default, ComparisonOperator Operator = default)
{
    /// <summary>The 1-based position just after the token.</summary>
    public int End => Position + Raw.Length;
}
