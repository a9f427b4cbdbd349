using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>
/// A node of a parsed condition. Every node has a value, so that comparisons can take any operand;
/// the condition holds when the root's value is truthy.
/// </summary>
/// <param name="Text">The source text of this node; for the root, the whole condition as written.</param>
internal abstract record ConditionNode(string Text) : Condition(Text)
{
    public abstract ConditionValue ValueOf(JsonObject variables);

    public sealed override bool Evaluate(JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return ValueOf(variables).IsTruthy;
    }

    public sealed override string ToString() => Text;
}
