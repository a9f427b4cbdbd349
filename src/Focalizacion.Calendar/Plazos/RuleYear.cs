namespace Focalizacion.Calendar.Plazos;

/// <summary>Which year a month in a rule belongs to.</summary>
public enum RuleYear
{
    /// <summary>The cycle year, the calendar year before the budget year (the default).</summary>
    Cycle,

    /// <summary>The budget year itself ("del año presupuestario").</summary>
    Budget,
}
