using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Documents.Persistence;

namespace Focalizacion.Documents.Nacional;

/// <summary>
/// The 16 regions of a budget year for the national export and page: each with the focalización that
/// applies (<see cref="FocalizacionVersions.ApplicableAsync"/>) and its origin in the export's words
/// (<see cref="Origins"/>), or <see cref="NoOutcome"/> while its cycle has none.
/// </summary>
public static class NationalRegions
{
    /// <summary>What a region without an outcome yet says as its origin.</summary>
    public const string NoOutcome = "sin resultado aún";

    /// <summary>Every region, in the registry's order, from the outcomes the caller sees; a region not among them has <see cref="NoOutcome"/>.</summary>
    public static IReadOnlyList<RegionalFocalizacion> Of(IReadOnlyList<ApplicableFocalizacion> applicable)
    {
        ArgumentNullException.ThrowIfNull(applicable);
        var byRegion = applicable.ToDictionary(a => a.Region, StringComparer.Ordinal);
        return [.. RegionRegistry.All.Select(r => byRegion.TryGetValue(r.IsoSuffix, out var found)
            ? new RegionalFocalizacion(r.IsoSuffix, found.Version?.Content, Origin(found))
            : new RegionalFocalizacion(r.IsoSuffix, null, NoOutcome))];
    }

    /// <summary>"focalización final v2", "focalización del año anterior (2026)", "definiciones internas de Sercotec".</summary>
    public static string Origin(ApplicableFocalizacion applicable)
    {
        ArgumentNullException.ThrowIfNull(applicable);
        return (applicable.Outcome, applicable.Version) switch
        {
            (CycleOutcomes.Final, { } version) => Origins.Final(version.Number),
            (CycleOutcomes.Previous, { } version) => Origins.PreviousYear(version.BudgetYear),
            (CycleOutcomes.Final, null) => "focalización final (registrada sin versión)",
            (CycleOutcomes.Previous, null) => "focalización del año anterior (registrada sin versión)",
            _ => Origins.Internal,
        };
    }
}
