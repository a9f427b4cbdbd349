namespace Focalizacion.Calendar.Holidays;

/// <summary>Whether a holiday applies in the whole country or only in one region.</summary>
public enum HolidayScope
{
    National,
    Regional,
}
