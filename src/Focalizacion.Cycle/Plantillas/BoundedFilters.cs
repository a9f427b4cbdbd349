using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// Wraps every filter of a <see cref="TemplateOptions"/> so that what it makes stays within
/// <see cref="TemplateLimits"/>: a text of at most <see cref="TemplateLimits.MaxValueChars"/>
/// characters, a list of at most <see cref="TemplateLimits.MaxListItems"/> items, and the
/// characters it reads and writes counted against <see cref="TemplateLimits.MaxWorkChars"/>.
/// </summary>
/// <remarks>
/// Most filters make at most a few times what they are given, so measuring the result is enough
/// (24 doublings with <c>append</c> stop at the first result past the bound). Where an argument
/// multiplies the result, the size is worked out before the filter runs: <c>replace</c> (one
/// replacement per occurrence), <c>join</c>, and the widths and precisions of <c>date</c>
/// ("%100000000Y") and <c>format_number</c> ("N999999999"). <c>format_string</c> is removed: its
/// format pads each placeholder to any width ("{0,1000000000}") and repeats arguments at will.
/// </remarks>
internal static partial class BoundedFilters
{
    private const int MaxWidth = 100;

    public static void Configure(TemplateOptions options)
    {
        options.Filters.Remove("format_string");
        foreach (var (name, filter) in options.Filters.ToList())
        {
            options.Filters.AddFilter(name, Bounded(name, filter));
        }
    }

    private static FilterDelegate Bounded(string name, FilterDelegate filter) => async (input, arguments, context) =>
    {
        CheckBeforehand(name, input, arguments);
        var work = context as BoundedTemplateContext;
        work?.Charge(Weight(input) + Weight(arguments));
        var result = await filter(input, arguments, context);
        if (result is ArrayValue list && list.Values.Count > TemplateLimits.MaxListItems)
        {
            throw new TemplateLimitException(
                $"el filtro «{name}» produce una lista de {AmountFormat.Grouped(list.Values.Count)} elementos; el máximo es {AmountFormat.Grouped(TemplateLimits.MaxListItems)}.");
        }
        var weight = Weight(result);
        if (weight > TemplateLimits.MaxValueChars)
        {
            throw TooLong(name);
        }
        work?.Charge(weight);
        return result;
    };

    /// <summary>Refuses the calls whose result would be too long, worked out before the filter allocates it.</summary>
    private static void CheckBeforehand(string name, FluidValue input, FilterArguments arguments)
    {
        switch (name)
        {
            case "replace":
                {
                    var text = input.ToStringValue();
                    var search = arguments.At(0).ToStringValue();
                    var replacement = arguments.At(1).ToStringValue();
                    if (search.Length == 0 || replacement.Length <= search.Length)
                    {
                        return;
                    }
                    long length = text.Length;
                    for (var at = text.IndexOf(search, StringComparison.Ordinal); at >= 0; at = text.IndexOf(search, at + search.Length, StringComparison.Ordinal))
                    {
                        length += replacement.Length - search.Length;
                        if (length > TemplateLimits.MaxValueChars)
                        {
                            throw TooLong(name);
                        }
                    }
                    return;
                }
            case "join" when input is ArrayValue list:
                {
                    var separator = arguments.Count > 0 ? arguments.At(0).ToStringValue().Length : 1;
                    var length = list.Values.Sum(Weight) + ((long)Math.Max(0, list.Values.Count - 1) * separator);
                    if (length > TemplateLimits.MaxValueChars)
                    {
                        throw TooLong(name);
                    }
                    return;
                }
            case "date":
                foreach (Match width in StrftimeWidth().Matches(arguments.At(0).ToStringValue()))
                {
                    CheckWidth(name, width.Groups["width"].Value);
                }
                return;
            case "format_number" when StandardNumberFormat().Match(arguments.At(0).ToStringValue()) is { Success: true } format:
                CheckWidth(name, format.Groups["width"].Value);
                return;
        }
    }

    private static void CheckWidth(string name, string digits)
    {
        var significant = digits.TrimStart('0');
        if (significant.Length > 3 || (significant.Length > 0 && int.Parse(significant, CultureInfo.InvariantCulture) > MaxWidth))
        {
            throw new TemplateLimitException($"el filtro «{name}» pide un ancho o una precisión de {digits}; el máximo es {MaxWidth}.");
        }
    }

    private static long Weight(FilterArguments arguments)
    {
        long weight = 0;
        for (var i = 0; i < arguments.Count; i++)
        {
            weight += Weight(arguments.At(i));
        }
        // Fluid leaves Names null when a call has no named arguments.
        foreach (var name in arguments.Names ?? [])
        {
            weight += Weight(arguments[name]);
        }
        return weight;
    }

    /// <summary>The characters a value stands for: a text's length, a list's texts added up.</summary>
    private static long Weight(FluidValue value) => Weight(value, 0);

    private static long Weight(FluidValue value, int depth) => value switch
    {
        StringValue text => text.ToStringValue().Length,
        // Lists hold lists only through the model; deeper ones count their items, not their texts.
        ArrayValue list => depth < 4 ? list.Values.Sum(item => Weight(item, depth + 1)) : list.Values.Count,
        _ => 0,
    };

    private static TemplateLimitException TooLong(string name) => new(
        $"el filtro «{name}» produce un texto de más de {AmountFormat.Grouped(TemplateLimits.MaxValueChars)} caracteres, el máximo por texto.");

    // "%100Y", "%-08d": a flag or two, then the width.
    [GeneratedRegex(@"%[-_0^#:]*(?<width>\d+)")]
    private static partial Regex StrftimeWidth();

    // "N999999999": a standard .NET number format's precision sets how many digits are written.
    [GeneratedRegex(@"^\s*[A-Za-z](?<width>\d+)\s*$")]
    private static partial Regex StandardNumberFormat();
}
