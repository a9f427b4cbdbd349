using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cli.Arguments;

/// <summary>
/// A verb's arguments split into positionals, options with a value and flags, with readers that
/// turn a bad value into a <see cref="UsageException"/> naming the argument.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly List<string> _positionals = [];
    private readonly Dictionary<string, string> _options = [];
    private readonly HashSet<string> _flags = [];
    private readonly List<(string Name, string Value)> _repeated = [];

    /// <summary>Splits <paramref name="args"/>; an option or flag the verb does not know is a usage error.</summary>
    /// <param name="args">The verb's arguments.</param>
    /// <param name="options">Options with a value, each at most once.</param>
    /// <param name="flags">Options without a value.</param>
    /// <param name="repeatable">Options with a value that may be given several times (<c>--region NB --region MA</c>).</param>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string> flags, IReadOnlyCollection<string>? repeatable = null)
    {
        var parsed = new ParsedArguments();
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed._positionals.Add(arg);
            }
            else if (flags.Contains(arg))
            {
                parsed._flags.Add(arg);
            }
            else if (options.Contains(arg) || repeatable?.Contains(arg) == true)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"falta el valor de la opción {arg}");
                }
                if (repeatable?.Contains(arg) == true)
                {
                    parsed._repeated.Add((arg, args[++i]));
                }
                else if (!parsed._options.TryAdd(arg, args[++i]))
                {
                    throw new UsageException($"la opción {arg} se indicó más de una vez");
                }
            }
            else
            {
                throw new UsageException($"opción desconocida «{arg}»");
            }
        }
        return parsed;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The positional arguments, in order.</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>Exactly <paramref name="names"/>.Length positionals, named for the error message.</summary>
    public IReadOnlyList<string> ExactPositionals(params string[] names)
    {
        if (_positionals.Count < names.Length)
        {
            throw new UsageException($"falta el argumento <{names[_positionals.Count]}>");
        }
        return _positionals.Count == names.Length ? _positionals : throw new UsageException($"sobra el argumento «{_positionals[names.Length]}»");
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string name) => [.. _repeated.Where(r => r.Name == name).Select(r => r.Value)];

    /// <summary>The only positional argument; none or more than one is a usage error.</summary>
    public string SinglePositional(string name) => ExactPositionals(name)[0];

    public static int Year(string text, string name, int first, int last)
    {
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, null, out var year))
        {
            throw new UsageException($"{name}: «{text}» no es un año");
        }
        return year >= first && year <= last
            ? year
            : throw new UsageException($"{name}: {year} está fuera del rango admitido ({first}–{last})");
    }

    public static Region Region(string code, string name = "--region") =>
        RegionRegistry.Find(code) ?? throw new UsageException(
            $"{name}: no existe la región «{code}»; use el código ISO (NB), el CUT (16) o el nombre (nuble)");

    /// <summary>The regions of a repeatable <c>--region</c>, each once, in the registry's order; none given: all 16.</summary>
    public IReadOnlyList<Region> Regions()
    {
        var chosen = Values("--region").Select(code => Region(code)).ToHashSet();
        return chosen.Count == 0 ? RegionRegistry.All : [.. RegionRegistry.All.Where(chosen.Contains)];
    }

    public static LocalDate Date(string text, string name)
    {
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            throw new UsageException($"{name}: «{text}» no es una fecha válida (aaaa-mm-dd)");
        }
        return parsed.Value.Year is >= HolidayCalendar.FirstYear and <= HolidayCalendar.LastYear
            ? parsed.Value
            : throw new UsageException($"{name}: {text} está fuera de los años que cubre el calendario ({HolidayCalendar.FirstYear}–{HolidayCalendar.LastYear})");
    }
}
