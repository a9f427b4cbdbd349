using System.Text.RegularExpressions;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Plazos;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Reads a series of plazo rules that share everything but their number of days:
/// "30, 14, 7, 2, 1 y 0 días antes del plazo focalizacion-preliminar, a las 09:00" is six rules,
/// "30 días antes del plazo focalizacion-preliminar, a las 09:00" and so on.
/// </summary>
internal static partial class PlazoSeries
{
    public static Result<IReadOnlyList<(string Text, PlazoRule Rule)>> Parse(string text)
    {
        var match = NumbersThenRest().Match(text);
        if (!match.Success)
        {
            return Result<IReadOnlyList<(string, PlazoRule)>>.Fail(
                "una serie de plazos empieza con sus números de días, por ejemplo «30, 14, 7, 2, 1 y 0 días antes del plazo focalizacion-final, a las 09:00»");
        }
        var numbers = Separator().Split(match.Groups["numeros"].Value.Trim());
        var series = new List<(string, PlazoRule)>();
        foreach (var number in numbers)
        {
            var ruleText = $"{number} {match.Groups["resto"].Value}";
            var rule = PlazoRule.Parse(ruleText);
            if (!rule.Success)
            {
                return Result<IReadOnlyList<(string, PlazoRule)>>.Fail($"{Spanish.Quote(ruleText)}: {rule}");
            }
            if (series.Exists(s => s.Item2 == rule.Value)) // "07" and "7" are one moment
            {
                return Result<IReadOnlyList<(string, PlazoRule)>>.Fail($"el número {number} se repite en la serie");
            }
            series.Add((ruleText, rule.Value));
        }
        return Result<IReadOnlyList<(string, PlazoRule)>>.Ok(series);
    }

    // [0-9], not \d, which takes any script's digits; the rule parser bounds each number.
    [GeneratedRegex(@"^\s*(?<numeros>[0-9]+(?:\s*,\s*[0-9]+)*(?:\s+y\s+[0-9]+)?)\s+(?<resto>d[ií]as?\b.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex NumbersThenRest();

    [GeneratedRegex(@"\s*,\s*|\s+y\s+")]
    private static partial Regex Separator();
}
