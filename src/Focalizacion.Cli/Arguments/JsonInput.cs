using System.Text.Json;
using System.Text.Json.Nodes;

namespace Focalizacion.Cli.Arguments;

/// <summary>JSON and files given on the command line: a bad one is a <see cref="UsageException"/> naming the argument.</summary>
internal static class JsonInput
{
    /// <summary>The JSON object of option <paramref name="name"/>; an empty object when it was not given.</summary>
    public static JsonObject ObjectOption(ParsedArguments parsed, string name) =>
        parsed.Option(name) is { } text ? Object(text, name) : [];

    /// <summary>Parses <paramref name="text"/> as a JSON object.</summary>
    public static JsonObject Object(string text, string name)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new UsageException($"{name}: se esperaba un objeto JSON ({{...}})");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{name}: JSON inválido ({e.Message})");
        }
    }

    /// <summary>The whole text of a file the user named.</summary>
    public static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"no se puede leer «{path}»: {e.Message}");
        }
    }
}
