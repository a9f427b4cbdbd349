using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary><c>a &amp;&amp; b</c>: both truthy.</summary>
internal sealed record AndCondition(string Text, ConditionNode Left, ConditionNode Right) : ConditionNode(Text)
{
    public override ConditionValue ValueOf(JsonObject variables) =>
        ConditionValue.Of(Left.Evaluate(variables) && Right.Evaluate(variables));
}
