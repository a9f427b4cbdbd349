namespace Focalizacion.Runtime.Timers;

/// <summary>What an attempt to fire one timer row did.</summary>
public enum FireOutcome
{
    /// <summary>It fired: the instance stepped and the row is marked fired, in one transaction.</summary>
    Fired,

    /// <summary>Not due yet by the clock: nothing changed.</summary>
    NotDue,

    /// <summary>Already fired or cancelled (another process, or a duplicate job): nothing changed.</summary>
    AlreadyDone,

    /// <summary>Another process holds the instance right now; the next sweep tries again.</summary>
    Busy,

    /// <summary>The instance refused it (suspended): the timer stays pending and fires after resuming.</summary>
    Refused,
}
