namespace Focalizacion.Calendar.Holidays;

/// <summary>What a line of the special-holiday file does to the calendar computed by rule.</summary>
public enum SpecialHolidayAction
{
    /// <summary>"agregar": a holiday that a special law creates.</summary>
    Add,

    /// <summary>"quitar": a correction that removes a holiday the rules would give.</summary>
    Remove,
}
