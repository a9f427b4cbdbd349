using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions;

namespace Focalizacion.Engine.Tests.Execution;

/// <summary>A minimal condition for engine tests, independent of the condition language.</summary>
internal sealed record VariableIsTrue(string Name) : Condition(Name)
{
    public override bool Evaluate(JsonObject variables) => variables[Name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
