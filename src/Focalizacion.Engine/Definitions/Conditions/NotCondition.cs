using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary><c>!x</c>: true when <c>x</c> is not truthy.</summary>
internal sealed record NotCondition(string Text, ConditionNode Operand) : ConditionNode(Text)
{
    public override ConditionValue ValueOf(JsonObject variables) => ConditionValue.Of(!Operand.Evaluate(variables));
}
