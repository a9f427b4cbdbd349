using System.Globalization;

namespace Focalizacion.Documents.Focalizaciones;

/// <summary>
/// Whole numbers ≥ 0 as people in Chile write them: «150.000.000», «150000000», for pesos also
/// «$ 150.000.000». The one reading of amounts and coverages typed by hand (a form, a text cell).
/// </summary>
public static class WholeNumbers
{
    /// <summary>The largest value accepted (a quintillion: far above any budget, well inside a <see cref="long"/>).</summary>
    public const long Max = 1_000_000_000_000_000;

    /// <summary>
    /// The whole number in a spreadsheet's number cell (<paramref name="invariant"/>: its value as the
    /// file stores it, "150000000" or "1.5E+8"), or why it is not one, in the words of <see cref="Parse"/>.
    /// </summary>
    public static (long? Value, string? Error) FromCell(string invariant, bool pesos)
    {
        ArgumentNullException.ThrowIfNull(invariant);
        if (!double.TryParse(invariant, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return (null, "no es un número");
        }
        return number < 0 ? (null, Negative)
            : number != Math.Floor(number) ? (null, Decimals(pesos))
            : number > Max ? (null, TooLarge)
            : ((long)number, null);
    }

    /// <summary>
    /// The number <paramref name="text"/> writes, or why it is not one, in Spanish, to follow the
    /// field's name («el presupuesto no puede ser negativo»).
    /// </summary>
    public static (long? Value, string? Error) Parse(string text, bool pesos)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Replace('\u00A0', ' ').Trim();
        if (pesos && text.StartsWith('$'))
        {
            text = text[1..].Trim();
        }
        text = text.Replace(" ", "", StringComparison.Ordinal);
        var notNumber = pesos ? "no es un monto en pesos enteros (escriba, por ejemplo, 150.000.000)" : "no es un número entero (escriba, por ejemplo, 1.200)";
        var signless = text.StartsWith('-') ? text[1..] : text;
        if (signless.Length == 0 || !signless.All(c => char.IsAsciiDigit(c) || c is '.' or ','))
        {
            return (null, notNumber);
        }
        if (text.StartsWith('-'))
        {
            return (null, Negative);
        }
        if (text.Contains(','))
        {
            return (null, Decimals(pesos));
        }
        var parts = text.Split('.');
        var wellGrouped = parts[0].Length is >= 1 and <= 3 && parts.Skip(1).All(p => p.Length == 3);
        if (parts.Any(p => p.Length == 0) || (parts.Length > 1 && !wellGrouped))
        {
            return (null, notNumber);
        }
        var digits = text.Replace(".", "", StringComparison.Ordinal);
        return digits.Length > 18 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) || whole > Max
            ? (null, TooLarge)
            : (whole, null);
    }

    private const string Negative = "no puede ser negativo";

    private const string TooLarge = "es demasiado grande";

    private static string Decimals(bool pesos) => $"debe ser un número entero de {(pesos ? "pesos" : "beneficiarios")}, sin decimales";
}
