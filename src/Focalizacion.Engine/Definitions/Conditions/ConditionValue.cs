using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>A value a condition works with: a literal, or an instance variable read from JSON.</summary>
internal readonly record struct ConditionValue(ConditionValueKind Kind, bool Boolean = false, decimal Number = 0, string Text = "")
{
    public static ConditionValue Null { get; } = new(ConditionValueKind.Null);

    public static ConditionValue Other { get; } = new(ConditionValueKind.Other);

    public static ConditionValue Of(bool value) => new(ConditionValueKind.Boolean, Boolean: value);

    public static ConditionValue Of(decimal value) => new(ConditionValueKind.Number, Number: value);

    public static ConditionValue Of(string value) => new(ConditionValueKind.Text, Text: value);

    /// <summary>A bare value holds when it is <c>true</c>, a non-zero number or a non-empty string.</summary>
    public bool IsTruthy => Kind switch
    {
        ConditionValueKind.Boolean => Boolean,
        ConditionValueKind.Number => Number != 0,
        ConditionValueKind.Text => Text.Length > 0,
        _ => false,
    };

    /// <summary>Reads a variable; a missing one (null node) is null.</summary>
    public static ConditionValue FromJson(JsonNode? node)
    {
        if (node is null)
        {
            return Null;
        }
        // A JsonValue may wrap a JsonElement or any CLR value (int, double, char, Guid…): going through
        // its JSON text reads all of them the same way.
        string json;
        try
        {
            json = node.ToJsonString();
        }
        catch (ArgumentException)
        {
            return Other; // NaN and infinities have no JSON text
        }
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement;
        return element.ValueKind switch
        {
            JsonValueKind.True => Of(true),
            JsonValueKind.False => Of(false),
            JsonValueKind.Null => Null,
            JsonValueKind.String => Of(element.GetString() ?? ""),
            JsonValueKind.Number => decimal.TryParse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? Of(number)
                : Other,
            _ => Other,
        };
    }

    public override string ToString() => Kind switch
    {
        ConditionValueKind.Null => "null",
        ConditionValueKind.Boolean => Boolean ? "true" : "false",
        ConditionValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ConditionValueKind.Text => $"'{Text}'",
        _ => "(objeto)",
    };
}
