using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>
/// <c>a == b</c>, <c>a != b</c>, <c>a &lt; b</c>… Values of different types never compare: every
/// operator, <c>!=</c> included, is false between them, so a variable of an unexpected type takes
/// no branch instead of a surprising one. The exception is null: <c>x == null</c> and
/// <c>x != null</c> test whether a variable is set. Numbers compare by value, strings by ordinal
/// (exact, case-sensitive) order, booleans only for equality.
/// </summary>
internal sealed record ComparisonCondition(string Text, ConditionNode Left, ComparisonOperator Operator, ConditionNode Right) : ConditionNode(Text)
{
    public override ConditionValue ValueOf(JsonObject variables) =>
        ConditionValue.Of(Compare(Left.ValueOf(variables), Operator, Right.ValueOf(variables)));

    public static bool Compare(ConditionValue left, ComparisonOperator op, ConditionValue right)
    {
        bool nullInvolved = left.Kind == ConditionValueKind.Null || right.Kind == ConditionValueKind.Null;
        if (nullInvolved && op is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            bool bothNull = left.Kind == right.Kind;
            return op == ComparisonOperator.Equal ? bothNull : !bothNull;
        }
        if (nullInvolved || left.Kind != right.Kind || left.Kind == ConditionValueKind.Other)
        {
            return false;
        }
        int? order = left.Kind switch
        {
            ConditionValueKind.Number => left.Number.CompareTo(right.Number),
            ConditionValueKind.Text => string.CompareOrdinal(left.Text, right.Text),
            _ => null, // booleans are equal or not, never ordered
        };
        bool equal = order is { } o ? o == 0 : left.Boolean == right.Boolean;
        return op switch
        {
            ComparisonOperator.Equal => equal,
            ComparisonOperator.NotEqual => !equal,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            ComparisonOperator.GreaterOrEqual => order >= 0,
            _ => throw new InvalidOperationException($"Unknown operator {op}."),
        };
    }
}
