using System.Globalization;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// Chilean peso amounts as oficios write them ("$ 1.000.000"): dot thousands separators and no
/// decimals, built by hand because the service runs with invariant globalization.
/// </summary>
public static class AmountFormat
{
    /// <summary>"$ 1.000.000"; fractions are rounded half away from zero (pesos have no cents).</summary>
    public static string Pesos(decimal amount)
    {
        var rounded = decimal.Round(amount, 0, MidpointRounding.AwayFromZero);
        return (rounded < 0 ? "-$ " : "$ ") + GroupedDigits(decimal.Abs(rounded));
    }

    /// <summary>A count with dot thousands separators ("65.536"), as Spanish text writes them; fractions are rounded.</summary>
    public static string Grouped(decimal number)
    {
        var rounded = decimal.Round(number, 0, MidpointRounding.AwayFromZero);
        return (rounded < 0 ? "-" : "") + GroupedDigits(decimal.Abs(rounded));
    }

    private static string GroupedDigits(decimal whole)
    {
        var digits = whole.ToString("0", CultureInfo.InvariantCulture);
        var grouped = new System.Text.StringBuilder(digits.Length + (digits.Length / 3));
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                grouped.Append('.');
            }
            grouped.Append(digits[i]);
        }
        return grouped.ToString();
    }
}
