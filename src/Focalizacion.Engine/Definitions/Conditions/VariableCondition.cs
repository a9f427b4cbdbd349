using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>An instance variable by name (case-sensitive); a missing one is null.</summary>
internal sealed record VariableCondition(string Text, string Name) : ConditionNode(Text)
{
    public override ConditionValue ValueOf(JsonObject variables) =>
        ConditionValue.FromJson(variables.TryGetPropertyValue(Name, out var node) ? node : null);
}
