using Focalizacion.Calendar.Regions;
using NodaTime.Text;

namespace Focalizacion.Calendar.Holidays;

/// <summary>
/// The shipped data file of one-off holidays created by special laws, and corrections to the rules,
/// so that a new law is a data change, not a code change.
/// </summary>
/// <remarks>
/// Format: UTF-8 text, one entry a line, fields separated by ';':
/// <c>acción;fecha;ámbito;nombre;base legal</c>, where acción is <c>agregar</c> or <c>quitar</c>,
/// fecha is <c>yyyy-MM-dd</c> and ámbito is <c>nacional</c> or <c>regional:XX</c> with a region
/// code. Blank lines and lines starting with '#' are ignored. Any other line that does not fit is
/// an error naming the line: a calendar with a silently skipped law would be wrong to the day.
/// </remarks>
public sealed class SpecialHolidayFile
{
    /// <summary>The name of the file shipped with the service, next to its binaries under <c>Data/</c>.</summary>
    public const string ShippedFileName = "feriados-especiales.csv";

    private SpecialHolidayFile(IReadOnlyList<SpecialHolidayEntry> entries, string fileName)
    {
        Entries = entries;
        FileName = fileName;
    }

    /// <summary>An empty file: the calendar computed by rule only.</summary>
    public static SpecialHolidayFile Empty { get; } = new([], "(sin archivo)");

    public IReadOnlyList<SpecialHolidayEntry> Entries { get; }

    public string FileName { get; }

    /// <summary>Parses the file text; throws <see cref="CalendarDataException"/> naming the first bad line.</summary>
    public static SpecialHolidayFile Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<SpecialHolidayEntry>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            entries.Add(ParseLine(line, i + 1, fileName));
        }
        return new SpecialHolidayFile(entries, fileName);
    }

    private static SpecialHolidayEntry ParseLine(string line, int lineNumber, string fileName)
    {
        CalendarDataException Error(string reason) => new(fileName, lineNumber, reason);

        var fields = line.Split(';').Select(f => f.Trim()).ToArray();
        if (fields.Length != 5)
        {
            throw Error($"se esperaban 5 campos separados por ';' (acción;fecha;ámbito;nombre;base legal) y hay {fields.Length}");
        }
        var action = fields[0].ToLowerInvariant() switch
        {
            "agregar" => SpecialHolidayAction.Add,
            "quitar" => SpecialHolidayAction.Remove,
            _ => throw Error($"la acción «{fields[0]}» no existe; use «agregar» o «quitar»"),
        };
        var parsed = LocalDatePattern.Iso.Parse(fields[1]);
        if (!parsed.Success)
        {
            throw Error($"la fecha «{fields[1]}» no es una fecha válida con el formato aaaa-mm-dd");
        }
        var date = parsed.Value;
        if (date.Year < HolidayCalendar.FirstYear || date.Year > HolidayCalendar.LastYear)
        {
            throw Error($"la fecha {fields[1]} está fuera de los años que cubre el calendario ({HolidayCalendar.FirstYear}–{HolidayCalendar.LastYear})");
        }
        if (fields[3].Length == 0)
        {
            throw Error("falta el nombre del feriado");
        }
        if (fields[4].Length == 0)
        {
            throw Error("falta la base legal del feriado");
        }
        var holiday = ParseScope(fields[2], Error) switch
        {
            null => Holiday.National(date, fields[3], fields[4]),
            var region => Holiday.Regional(date, fields[3], fields[4], region.IsoSuffix),
        };
        return new SpecialHolidayEntry(action, holiday, lineNumber);
    }

    /// <summary>Null for a national holiday, the region for a regional one.</summary>
    private static Region? ParseScope(string scope, Func<string, CalendarDataException> error)
    {
        if (scope.Equals("nacional", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        const string regionalPrefix = "regional:";
        if (!scope.StartsWith(regionalPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw error($"el ámbito «{scope}» no existe; use «nacional» o «regional:<código de región>»");
        }
        var code = scope[regionalPrefix.Length..];
        return RegionRegistry.Find(code) ?? throw error($"la región «{code}» no existe");
    }
}
