namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>The kinds of token of the condition language.</summary>
internal enum TokenKind
{
    Identifier,
    Literal,
    Not,
    Comparison,
    And,
    Or,
    OpenParen,
    CloseParen,
    End,
}
