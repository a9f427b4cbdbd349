namespace Focalizacion.Cycle;

/// <summary>
/// A problem with the cycle's own data or configuration (a role nobody holds, a bad setting, a
/// template that does not parse). The message is Spanish: it reaches admins and incident lists.
/// </summary>
public sealed class CycleException : Exception
{
    public CycleException(string message)
        : base(message)
    {
    }

    /// <summary>As above, keeping the exception it explains for the logs.</summary>
    public CycleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
