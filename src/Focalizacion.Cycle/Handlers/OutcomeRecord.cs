using NodaTime;

namespace Focalizacion.Cycle.Handlers;

/// <summary>How one region's cycle ended (table <c>focalizaciones</c>).</summary>
/// <param name="Region">ISO suffix.</param>
/// <param name="BudgetYear">The budget year the focalización applies to.</param>
/// <param name="Outcome">focalizacion-final, focalizacion-anterior or definicion-sercotec.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="IdempotencyKey">The workflow task's key; null for rows seeded outside a workflow.</param>
/// <param name="InstanceId">The instance that recorded it, when a workflow did.</param>
/// <param name="Origin">What recorded it: "flujo" for the workflow, or whatever a seed or admin says.</param>
public sealed record OutcomeRecord(string Region, int BudgetYear, string Outcome, Instant RecordedAt, string? IdempotencyKey, Guid? InstanceId, string Origin)
{
    /// <summary>The focalización version that applies by this outcome (the final's, or for the fallback the previous year's); null when none does.</summary>
    public long? VersionId { get; init; }
}
