using System.Text.Json;

namespace Focalizacion.Service.Tests.Api;

/// <summary>A parameter of an operation as the OpenAPI document declares it: where it goes and the JSON types its schema allows.</summary>
internal sealed record ApiParameter(string Name, string In, IReadOnlySet<string> Types, bool HasPattern);

/// <summary>A property of a request body's schema: its name and the JSON types it allows (empty: anything).</summary>
internal sealed record ApiProperty(string Name, IReadOnlySet<string> Types, bool HasPattern);

/// <summary>One operation of the document: method, path template, parameters and, when it takes one, its body's media types and JSON properties.</summary>
internal sealed record ApiOperation(string Method, string Template, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<string> BodyMediaTypes, IReadOnlyList<ApiProperty> BodyProperties)
{
    public (string Method, string Template) Key => (Method, Template);

    public bool TakesBody => BodyMediaTypes.Count > 0;

    public bool IsRead => Method is "GET" or "HEAD";

    public IEnumerable<ApiParameter> InPath => Parameters.Where(p => p.In == "path");

    public IEnumerable<ApiParameter> InQuery => Parameters.Where(p => p.In == "query");

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>The operations of the service's OpenAPI document (<c>/openapi/v1.json</c>), read from the running service.</summary>
internal static class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static async Task<IReadOnlyList<ApiOperation>> ReadAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var answer = await client.GetAnswerAsync("/openapi/v1.json");
        Assert.That(answer.Code, Is.EqualTo(200), answer.ToString());
        using var document = JsonDocument.Parse(answer.Body);
        var root = document.RootElement;
        Assert.That(root.GetProperty("openapi").GetString(), Does.StartWith("3.1"));
        var operations = new List<ApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? Parameters(root, common) : [];
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var own) ? [.. shared, .. Parameters(root, own)] : shared;
                var media = new List<string>();
                var properties = new List<ApiProperty>();
                if (method.Value.TryGetProperty("requestBody", out var body))
                {
                    body = Resolve(root, body);
                    foreach (var content in body.GetProperty("content").EnumerateObject())
                    {
                        media.Add(content.Name);
                        if (content.Name.Contains("json", StringComparison.Ordinal) && content.Value.TryGetProperty("schema", out var schema)
                            && Resolve(root, schema).TryGetProperty("properties", out var declared))
                        {
                            properties.AddRange(declared.EnumerateObject().Select(p => new ApiProperty(p.Name, Types(root, p.Value), HasPattern(p.Value))));
                        }
                    }
                }
                operations.Add(new ApiOperation(method.Name.ToUpperInvariant(), path.Name, parameters, media, properties));
            }
        }
        return operations;
    }

    private static List<ApiParameter> Parameters(JsonElement root, JsonElement list) =>
        [.. list.EnumerateArray().Select(p => Resolve(root, p)).Select(p =>
        {
            var schema = p.TryGetProperty("schema", out var s) ? s : default;
            return new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                schema.ValueKind == JsonValueKind.Object ? Types(root, schema) : new HashSet<string>(), schema.ValueKind == JsonValueKind.Object && HasPattern(schema));
        })];

    /// <summary>The JSON types a schema allows: its <c>type</c> (one or a list), those of its <c>oneOf</c>/<c>anyOf</c>, <c>object</c> for a reference to one.</summary>
    private static HashSet<string> Types(JsonElement root, JsonElement schema)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        schema = Resolve(root, schema);
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types.Add(type.GetString()!);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                types.UnionWith(type.EnumerateArray().Select(t => t.GetString()!));
            }
        }
        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(combinator, out var alternatives))
            {
                foreach (var alternative in alternatives.EnumerateArray())
                {
                    types.UnionWith(Types(root, alternative));
                }
            }
        }
        if (types.Count == 0 && schema.TryGetProperty("properties", out _))
        {
            types.Add("object");
        }
        return types;
    }

    private static bool HasPattern(JsonElement schema) => schema.TryGetProperty("pattern", out _);

    private static JsonElement Resolve(JsonElement root, JsonElement element)
    {
        while (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }
            element = target;
        }
        return element;
    }
}
