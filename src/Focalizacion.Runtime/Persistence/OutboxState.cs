namespace Focalizacion.Runtime.Persistence;

/// <summary>An outbox entry's life.</summary>
public enum OutboxState
{
    /// <summary>Waiting for delivery (first try or a retry after backoff).</summary>
    Pending,

    /// <summary>The handler succeeded and the instance moved on.</summary>
    Delivered,

    /// <summary>Retries ran out: an operator must retry or skip it.</summary>
    Incident,

    /// <summary>An operator skipped it; the instance went on without it.</summary>
    Skipped,

    /// <summary>Its task was interrupted or cancelled before delivery.</summary>
    Withdrawn,
}
