using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// The data a message brought, as the journal shows it after the message's name
/// (<c>mensaje «x» recibido con datos {"conforme":false,"motivo":"…"}</c>): who said what is part
/// of the record, not only that it arrived. Cut at <see cref="MaxChars"/>.
/// </summary>
internal static class JournalData
{
    /// <summary>The most characters of data a journal line shows.</summary>
    public const int MaxChars = 8_000;

    // Accents and ñ as written, not as \u escapes.
    private static readonly JsonSerializerOptions AsWritten = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>" con datos {…}", or nothing for a message without data.</summary>
    public static string Of(JsonObject? data)
    {
        if (data is null || data.Count == 0)
        {
            return "";
        }
        var json = data.ToJsonString(AsWritten);
        if (json.Length <= MaxChars)
        {
            return " con datos " + json;
        }
        // Never half of a surrogate pair: PostgreSQL stores no lone surrogate.
        var cut = char.IsHighSurrogate(json[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
        return " con datos " + json[..cut] + "…";
    }
}
