using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Calendar;

/// <summary>
/// Spanish (Chile) names of months and weekdays and the long date form of oficios, fixed here so
/// that output never depends on the machine's culture data.
/// </summary>
public static class Spanish
{
    private static readonly string[] Months =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    private static readonly string[] Weekdays = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>"enero" for 1 … "diciembre" for 12.</summary>
    public static string MonthName(int month) => Months[month - 1];

    /// <summary>"lunes" … "domingo".</summary>
    public static string WeekdayName(IsoDayOfWeek day) => Weekdays[(int)day - 1];

    /// <summary>
    /// Lower case with the accents and ñ of Spanish folded to ASCII ("Ñuble" → "nuble"), without
    /// depending on the ICU data the machine may lack.
    /// </summary>
    public static string FoldToAscii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.ToLowerInvariant(source[i]) switch
                {
                    'á' or 'à' or 'ä' or 'â' => 'a',
                    'é' or 'è' or 'ë' or 'ê' => 'e',
                    'í' or 'ì' or 'ï' or 'î' => 'i',
                    'ó' or 'ò' or 'ö' or 'ô' => 'o',
                    'ú' or 'ù' or 'ü' or 'û' => 'u',
                    'ñ' => 'n',
                    var c => c,
                };
            }
        });
    }

    /// <summary>The longest echo of the user's input that a message quotes, in characters.</summary>
    public const int MaxQuoted = 80;

    /// <summary>
    /// What the user wrote, in Spanish quotation marks («…»), cut to <see cref="MaxQuoted"/>
    /// characters with "…": a message repeats the input so it can be found, not to copy a page of it.
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxQuoted)
        {
            return $"«{text}»";
        }
        var cut = char.IsHighSurrogate(text[MaxQuoted - 2]) ? MaxQuoted - 2 : MaxQuoted - 1; // never half a character
        return $"«{text[..cut]}…»";
    }

    /// <summary>The long form used in oficios: "lunes 1 de diciembre de 2025".</summary>
    public static string LongDate(LocalDate date) =>
        $"{WeekdayName(date.DayOfWeek)} {date.Day} de {MonthName(date.Month)} de {date.Year}";

    /// <summary>"00:00 (hora de Magallanes)".</summary>
    public static string Time(ZonedDateTime moment) => $"{TimePattern.Format(moment.TimeOfDay)} ({ChileanTime.Name(moment.Zone)})";

    /// <summary>"lunes 1 de diciembre de 2026, 00:00 (hora de Magallanes)": how pages and the journal write a moment.</summary>
    public static string Moment(ZonedDateTime moment) => $"{LongDate(moment.Date)}, {Time(moment)}";
}
