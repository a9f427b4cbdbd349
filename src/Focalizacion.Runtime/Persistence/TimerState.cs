namespace Focalizacion.Runtime.Persistence;

/// <summary>A timer row's life: pending until it fires once or its activity ends first.</summary>
public enum TimerState
{
    Pending,
    Fired,
    Cancelled,
}
