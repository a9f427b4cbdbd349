using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Documents.Focalizaciones;

/// <summary>
/// The focalización as JSON for a jsonb column: camelCase properties in declaration order, enums as
/// their camelCase names, dates as ISO "2026-12-15"; the same document always gives the same text.
/// </summary>
public static class FocalizacionJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false), new LocalDateConverter() },
        WriteIndented = false,
        MaxDepth = 16,
    };

    public static string Serialize(Focalizacion focalizacion) => JsonSerializer.Serialize(focalizacion, Options);

    /// <summary>Reads what <see cref="Serialize"/> wrote; a <see cref="JsonException"/> for anything else.</summary>
    public static Focalizacion Deserialize(string json) =>
        JsonSerializer.Deserialize<Focalizacion>(json, Options) ?? throw new JsonException("El documento JSON de la focalización está vacío.");

    private sealed class LocalDateConverter : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var result = LocalDatePattern.Iso.Parse(reader.GetString() ?? "");
            return result.Success ? result.Value : throw new JsonException($"Fecha inválida: {reader.GetString()}");
        }

        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
    }
}
