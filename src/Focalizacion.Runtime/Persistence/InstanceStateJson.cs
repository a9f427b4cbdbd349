using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using NodaTime.Text;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// The JSON form of an <see cref="InstanceState"/> in the <c>state</c> column: explicit field by
/// field, so that renaming a C# member never silently changes what is stored.
/// </summary>
public static class InstanceStateJson
{
    public static string Serialize(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var json = new JsonObject
        {
            ["status"] = state.Status.ToString(),
            ["sequence"] = state.Sequence,
            ["tokens"] = new JsonArray([.. state.Tokens.Select(t => new JsonObject
            {
                ["id"] = t.Id, ["nodeId"] = t.NodeId, ["wait"] = t.Wait.ToString(), ["key"] = t.Key, ["arrivedBy"] = t.ArrivedBy,
            })]),
            ["timers"] = new JsonArray([.. state.Timers.Select(t => new JsonObject
            {
                ["id"] = t.Id, ["nodeId"] = t.NodeId, ["tokenId"] = t.TokenId, ["dueAt"] = InstantPattern.General.Format(t.DueAt), ["rule"] = t.Rule,
            })]),
            ["variables"] = state.Variables.DeepClone(),
            ["events"] = new JsonObject(state.Events.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)LocalDatePattern.Iso.Format(e.Value)))),
        };
        return json.ToJsonString();
    }

    public static InstanceState Deserialize(string text)
    {
        var json = JsonNode.Parse(text)!.AsObject();
        var tokens = json["tokens"]!.AsArray().Select(t => new Token(
            (string)t!["id"]!, (string)t["nodeId"]!, Enum.Parse<TokenWait>((string)t["wait"]!), (string?)t["key"], (string?)t["arrivedBy"]));
        var timers = json["timers"]!.AsArray().Select(t => new ActiveTimer(
            (string)t!["id"]!, (string)t["nodeId"]!, (string)t["tokenId"]!, InstantPattern.General.Parse((string)t["dueAt"]!).Value, (string)t["rule"]!));
        var events = json["events"]!.AsObject().ToImmutableSortedDictionary(e => e.Key, e => LocalDatePattern.Iso.Parse((string)e.Value!).Value);
        return new InstanceState(
            Enum.Parse<InstanceStatus>((string)json["status"]!),
            [.. tokens],
            [.. timers],
            json["variables"]!.AsObject().DeepClone().AsObject(),
            events,
            (long)json["sequence"]!);
    }
}
