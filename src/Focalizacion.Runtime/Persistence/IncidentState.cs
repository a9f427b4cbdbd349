namespace Focalizacion.Runtime.Persistence;

/// <summary>An incident is open until an operator retries or skips it.</summary>
public enum IncidentState
{
    Open,
    Retried,
    Skipped,
}
