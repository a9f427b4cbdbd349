using System.Globalization;

namespace Focalizacion.Access;

/// <summary>A Chilean RUN (Rol Único Nacional): the number and its check digit (módulo 11), normalised as <c>12345678-5</c>.</summary>
public sealed record Run
{
    private Run(int number, char checkDigit)
    {
        Number = number;
        CheckDigit = checkDigit;
    }

    public int Number { get; }

    public char CheckDigit { get; }

    /// <summary>Parses "12.345.678-5", "12345678-5" or "123456785"; null with a Spanish reason in <paramref name="error"/> otherwise.</summary>
    public static Run? Parse(string? text, out string? error)
    {
        error = null;
        var compact = (text ?? "").Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (compact.Length is < 2 or > 9 || !compact[..^1].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(compact[^1]) || compact[^1] == 'K'))
        {
            error = $"«{text}» no es un RUN: se espera la forma 12.345.678-5";
            return null;
        }
        var number = int.Parse(compact[..^1], CultureInfo.InvariantCulture);
        var expected = CheckDigitOf(number);
        if (compact[^1] != expected)
        {
            error = $"«{text}» no es un RUN válido: su dígito verificador no corresponde (sería {expected})";
            return null;
        }
        return new Run(number, expected);
    }

    /// <summary>The RUN of a number and a check digit as ClaveÚnica gives them (<c>RolUnico.numero</c>, <c>RolUnico.DV</c>), if they agree.</summary>
    public static Run? FromParts(long number, string? checkDigit) =>
        number is > 0 and < 100_000_000 ? Parse($"{number}-{checkDigit}", out _) : null;

    /// <summary>The módulo 11 check digit of <paramref name="number"/>: 0–9 or K.</summary>
    public static char CheckDigitOf(int number)
    {
        var sum = 0;
        var factor = 2;
        for (var n = number; n > 0; n /= 10)
        {
            sum += n % 10 * factor;
            factor = factor == 7 ? 2 : factor + 1;
        }
        return (11 - (sum % 11)) switch
        {
            11 => '0',
            10 => 'K',
            var d => (char)('0' + d),
        };
    }

    public override string ToString() => $"{Number.ToString(CultureInfo.InvariantCulture)}-{CheckDigit}";
}
