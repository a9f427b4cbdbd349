namespace Focalizacion.Cycle.Events;

/// <summary>The conformity port's answer (<see cref="IConformityValidator"/>).</summary>
/// <param name="Conforme">
/// Whether the final conforms; null: no verdict (on receipt, Sercotec must review it; on a review,
/// there is no automatic result to compare with).
/// </param>
/// <param name="Observations">The problems found, in Spanish, for the oficio when the event lists none of its own.</param>
public sealed record ConformityVerdict(bool? Conforme, IReadOnlyList<string> Observations)
{
    /// <summary>No verdict and nothing observed.</summary>
    public static ConformityVerdict PendingReview { get; } = new(null, []);

    public static ConformityVerdict Of(bool conforme) => new(conforme, []);
}
