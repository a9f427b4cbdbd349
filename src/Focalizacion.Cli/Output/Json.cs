using System.Text.Encodings.Web;
using System.Text.Json;
using Focalizacion.Cycle.Presentacion;
using NodaTime;

namespace Focalizacion.Cli.Output;

/// <summary>The JSON conventions of the CLI: camelCase, readable accents, ISO dates and instants with offset.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>"2026-11-15".</summary>
    public static string Date(LocalDate date) => CycleJson.Date(date);

    /// <summary>"2026-11-16T00:00:00-03:00".</summary>
    public static string Instant(ZonedDateTime moment) => CycleJson.Instant(moment);
}
