using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>A literal: <c>true</c>, <c>false</c>, <c>null</c>, a number or a quoted string.</summary>
internal sealed record LiteralCondition(string Text, ConditionValue Value) : ConditionNode(Text)
{
    public override ConditionValue ValueOf(JsonObject variables) => Value;
}
