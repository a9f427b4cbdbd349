namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>The comparison operators of the condition language.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
