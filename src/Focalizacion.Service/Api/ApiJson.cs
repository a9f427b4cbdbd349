using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Focalizacion.Service.Api;

/// <summary>
/// The API's JSON: camelCase, readable accents, nulls left out (as the CLI's <c>--json</c>); request
/// bodies read strictly (<see cref="ReadAsync{T}"/>): a body that is not JSON, a field of the wrong
/// type or one the operation does not take is a 400 naming it, and nothing is done.
/// </summary>
internal static class ApiJson
{
    /// <summary>Largest JSON body the API reads (a BPMN upload has its own limit).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static readonly JsonSerializerOptions Strict = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, MaxDepth = 16 };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        return options;
    }

    /// <summary>The body as <typeparamref name="T"/>, or the 400/413/415 problem that says why not, naming the field.</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes = MaxBodyBytes) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "el cuerpo debe ser JSON (Content-Type: application/json)"));
        }
        var (body, tooLarge) = await ApiBody.ReadAsync(request, maxBytes);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }
        if (body!.Length == 0)
        {
            return (null, ApiProblems.BadRequest("cuerpo", "falta el cuerpo JSON de la solicitud"));
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Strict);
            if (value is null)
            {
                return (null, ApiProblems.BadRequest("cuerpo", "el cuerpo es null; se espera un objeto JSON"));
            }
            // PostgreSQL stores no U+0000 in text or jsonb: refused here, naming the field, rather than failing there.
            if (body.AsSpan().IndexOf(@"\u0000"u8) >= 0)
            {
                using var document = JsonDocument.Parse(body);
                if (NulField(document.RootElement, "") is { } nul)
                {
                    return (null, ApiProblems.BadRequest(nul.Length > 0 ? nul : "cuerpo", "contiene el carácter nulo (U+0000), que el servicio no admite"));
                }
            }
            return (value, null);
        }
        catch (JsonException bad)
        {
            var field = bad.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "cuerpo";
            var why = bad.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "la operación no lleva ese campo"
                : bad.Path is { Length: > 1 } ? "valor de un tipo que no corresponde" : "no es JSON válido";
            return (null, ApiProblems.BadRequest(field.Length > 0 ? field : "cuerpo", why));
        }
    }

    /// <summary>The path of the first string (value or property name) holding U+0000, if any: <c>datos.montos</c>, <c>""</c> for the body itself.</summary>
    private static string? NulField(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString()!.Contains('\0', StringComparison.Ordinal) ? path : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        return path;
                    }
                    if (NulField(property.Value, path.Length > 0 ? $"{path}.{property.Name}" : property.Name) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (NulField(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
