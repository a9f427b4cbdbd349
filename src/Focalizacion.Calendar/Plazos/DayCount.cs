namespace Focalizacion.Calendar.Plazos;

/// <summary>How the days of a term are counted.</summary>
public enum DayCount
{
    /// <summary>"días corridos": every calendar day counts (Código Civil, art. 50).</summary>
    Calendar,

    /// <summary>"días hábiles": only business days count (Ley 19.880, art. 25).</summary>
    Business,
}
