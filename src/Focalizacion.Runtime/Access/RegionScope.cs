namespace Focalizacion.Runtime.Access;

/// <summary>
/// The regions a caller may see, as the database's row-level security reads them: the setting
/// <see cref="Setting"/> holds <c>*</c> (every region, and rows of no region) or a comma-separated
/// list of ISO codes. It is set per transaction (<c>set_config(…, true)</c>), never per session:
/// the pool hands connections on without a reset, so a session setting would reach the next caller.
/// </summary>
public sealed record RegionScope
{
    /// <summary>The PostgreSQL setting the policies read (<c>focalizacion_alcance()</c>, Cycle migration 0012).</summary>
    public const string Setting = "focalizacion.alcance";

    private RegionScope(IReadOnlyList<string>? regions) => Regions = regions;

    /// <summary>Every region and the rows that belong to none (definitions' journal lines).</summary>
    public static RegionScope All { get; } = new((IReadOnlyList<string>?)null);

    /// <summary>Nothing: what a transaction without a scope sees.</summary>
    public static RegionScope None { get; } = new([]);

    /// <summary>The regions, by ISO code; null for <see cref="All"/>.</summary>
    public IReadOnlyList<string>? Regions { get; }

    public static RegionScope Of(params string[] regions) => new([.. regions]);

    /// <summary>Whether a row of <paramref name="region"/> is inside (a row of no region only for <see cref="All"/>).</summary>
    public bool Includes(string? region) => Regions is null || (region is not null && Regions.Contains(region, StringComparer.Ordinal));

    /// <summary>The setting's value.</summary>
    public string Value => Regions is null ? "*" : string.Join(',', Regions);

    /// <summary>
    /// The statement that sets the scope for the current transaction only (as <c>set_config(…, true)</c>), with the
    /// value quoted in it: a <c>SET</c> takes no parameters, and unlike <c>SELECT set_config</c> it returns no rows,
    /// so it can head a batch whose reader the body reads from its first result.
    /// </summary>
    public string SetLocal => $"SET LOCAL {Setting} = '{Value.Replace("'", "''", StringComparison.Ordinal)}'";
}
