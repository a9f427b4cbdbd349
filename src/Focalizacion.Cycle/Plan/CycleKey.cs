using Focalizacion.Calendar.Regions;

namespace Focalizacion.Cycle.Plan;

/// <summary>
/// The correlation key a cycle instance is found by: its region and budget year ("NB/2027"). The
/// engine stores it and compares it, and knows nothing else about it.
/// </summary>
public static class CycleKey
{
    public static string For(Region region, int budgetYear)
    {
        ArgumentNullException.ThrowIfNull(region);
        return $"{region.IsoSuffix}/{budgetYear}";
    }
}
