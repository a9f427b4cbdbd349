namespace Focalizacion.Cycle.Starting;

/// <summary>What starting the cycles of one budget year did, region by region.</summary>
/// <param name="BudgetYear">The budget year whose cycles were due.</param>
/// <param name="AlreadyThere">Regions that had a cycle of that year, whatever its state: left alone.</param>
/// <param name="Starts">One per region that had none: started, or found started by another process meanwhile.</param>
/// <param name="Failures">Regions whose start failed, and why: tried again at the next run.</param>
public sealed record YearStart(int BudgetYear, int AlreadyThere, IReadOnlyList<CycleStart> Starts, IReadOnlyList<CycleStartFailure> Failures)
{
    /// <summary>How many cycles this run started.</summary>
    public int Started => Starts.Count(s => !s.AlreadyStarted);
}
