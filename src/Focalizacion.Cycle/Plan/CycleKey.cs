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

    /// <summary>The region code and budget year a key names ("NB/2027"); null for a key that is no cycle's.</summary>
    public static (string Region, int BudgetYear)? Parse(string? key)
    {
        var slash = key?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 && int.TryParse(key.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? (key![..slash], year)
            : null;
    }
}
