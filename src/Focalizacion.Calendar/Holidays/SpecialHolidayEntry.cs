namespace Focalizacion.Calendar.Holidays;

/// <summary>One line of the special-holiday file, with the line it came from for error messages.</summary>
public sealed record SpecialHolidayEntry(SpecialHolidayAction Action, Holiday Holiday, int LineNumber);
