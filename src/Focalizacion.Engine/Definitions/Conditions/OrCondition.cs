using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary><c>a || b</c>: either truthy.</summary>
internal sealed record OrCondition(string Text, ConditionNode Left, ConditionNode Right) : ConditionNode(Text)
{
    public override ConditionValue ValueOf(JsonObject variables) =>
        ConditionValue.Of(Left.Evaluate(variables) || Right.Evaluate(variables));
}
