namespace Focalizacion.Calendar;

/// <summary>
/// A calendar data file the service cannot trust. The message is Spanish, for the operator, and
/// names the file and line; the service must not start with it.
/// </summary>
public sealed class CalendarDataException(string fileName, int lineNumber, string reason)
    : Exception($"{fileName}, línea {lineNumber}: {reason}")
{
    public string FileName { get; } = fileName;

    public int LineNumber { get; } = lineNumber;

    public string Reason { get; } = reason;
}
