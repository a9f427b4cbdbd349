using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Cycle.Handlers;

namespace Focalizacion.Cycle.Events;

/// <summary>
/// One datum a cycle event may carry (<see cref="CycleEvent.Data"/>): its name, which becomes the
/// instance variable of that name, and the check of its value.
/// </summary>
/// <param name="Name">The field's name in the event's data, and the variable it sets.</param>
/// <param name="Description">Spanish, for people: what the field holds.</param>
/// <param name="Check">The first problem with a value, as "<c>path</c>: reason", or null when it is acceptable.</param>
public sealed record EventField(string Name, string Description, Func<JsonNode?, string, string?> Check)
{
    // Values are shown with accents and ñ as written, not as \u escapes.
    private static readonly JsonSerializerOptions AsWritten = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The longest instrument name an oficio lists (real ones are a few words).</summary>
    public const int MaxInstrumentName = 200;

    /// <summary>
    /// <c>montos</c>: an object from instrument name to whole, non-negative pesos
    /// (<c>{"Capital Semilla": 150000000}</c>), which the oficios list.
    /// </summary>
    public static EventField Amounts { get; } = new(CycleVariables.AmountsName, "montos por instrumento en pesos", CheckAmounts);

    /// <summary><c>conforme</c>: true or false, whether the final meets the requirements (the conformity port decides what travels).</summary>
    public static EventField Conformity { get; } = new(DeclaredConformity.Field, "si la focalización final cumple los requisitos", CheckConformity);

    /// <summary>The longest <c>motivo</c> a review takes.</summary>
    public const int MaxReason = 2_000;

    /// <summary>The most observations one event lists.</summary>
    public const int MaxObservations = 50;

    /// <summary>The longest observation.</summary>
    public const int MaxObservation = 1_000;

    /// <summary><c>focalizacion</c>: the id of the submitted document version the event is about (a positive whole number).</summary>
    public static EventField Document { get; } = new(DeclaredConformity.DocumentField, "el número de la versión del documento enviado (entero positivo)", CheckDocument);

    /// <summary><c>motivo</c>: why a review departs from the automatic result; required then (<see cref="CycleEventRecorder"/>).</summary>
    public static EventField Reason { get; } = new(DeclaredConformity.ReasonField, $"el motivo de la revisión, hasta {MaxReason} caracteres", (value, path) => CheckText(value, path, MaxReason));

    /// <summary>
    /// <c>observaciones</c>: a list of texts (<c>["Falta el acta del CORE"]</c>), at most
    /// <see cref="MaxObservations"/>, each non-empty and up to <see cref="MaxObservation"/> characters,
    /// which the oficio lists.
    /// </summary>
    public static EventField Observations { get; } = new(CycleVariables.ObservationsName, $"lista de observaciones (hasta {MaxObservations}, de hasta {MaxObservation} caracteres cada una)", CheckObservations);

    private static string? CheckDocument(JsonNode? value, string path) =>
        value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<long>(out var id) && id > 0
            ? null
            : $"{path}: debe ser el número de la versión del documento, un entero mayor que 0 (vale {Shown(value)})";

    private static string? CheckObservations(JsonNode? value, string path)
    {
        if (value is not JsonArray list)
        {
            return $"{path}: debe ser una lista de textos, por ejemplo [\"Falta el acta del Consejo Regional\"] (vale {Shown(value)})";
        }
        if (list.Count > MaxObservations)
        {
            return $"{path}: tiene {list.Count} observaciones; el máximo es {MaxObservations}";
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (CheckText(list[i], $"{path}[{i}]", MaxObservation) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>A non-blank JSON string of at most <paramref name="max"/> characters, with no NUL (which PostgreSQL stores in no text).</summary>
    private static string? CheckText(JsonNode? value, string path, int max)
    {
        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            return $"{path}: debe ser un texto (vale {Shown(value)})";
        }
        var written = text.GetValue<string>();
        return string.IsNullOrWhiteSpace(written) ? $"{path}: no puede estar vacío"
            : written.Length > max ? $"{path}: tiene {written.Length} caracteres; el máximo es {max}"
            : written.Contains('\0', StringComparison.Ordinal) ? $"{path}: contiene el carácter nulo (U+0000)"
            : null;
    }

    private static string? CheckAmounts(JsonNode? value, string path)
    {
        if (value is not JsonObject amounts)
        {
            return $"{path}: debe ser un objeto con el monto en pesos de cada instrumento, por ejemplo {{\"Capital Semilla\": 150000000}} (vale {Shown(value)})";
        }
        foreach (var (instrument, amount) in amounts)
        {
            if (string.IsNullOrWhiteSpace(instrument))
            {
                return $"{path}: el nombre de un instrumento no puede estar vacío";
            }
            if (instrument.Length > MaxInstrumentName)
            {
                return $"{path}: el nombre de instrumento {Spanish.Quote(instrument)} tiene más de {MaxInstrumentName} caracteres";
            }
            if (!IsWholePesos(amount))
            {
                return $"{path}.{instrument}: {Shown(amount)} no es un monto en pesos: debe ser un número entero mayor o igual a 0, sin decimales";
            }
        }
        return null;
    }

    /// <summary>A JSON number that is whole, not negative and within a <see cref="long"/> (<c>150000000</c>, also written <c>1.5e8</c>).</summary>
    private static bool IsWholePesos(JsonNode? amount) =>
        amount is JsonValue number && number.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var pesos)
        && pesos >= 0 && pesos <= long.MaxValue && pesos == decimal.Truncate(pesos);

    private static string? CheckConformity(JsonNode? value, string path) =>
        value is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? null
            : $"{path}: debe ser true o false (vale {Shown(value)})";

    /// <summary>A value as the user wrote it, quoted and cut (<see cref="Spanish.Quote"/>).</summary>
    private static string Shown(JsonNode? value) => Spanish.Quote(value?.ToJsonString(AsWritten) ?? "null");

}
