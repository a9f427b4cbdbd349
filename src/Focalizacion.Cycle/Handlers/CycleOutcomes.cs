namespace Focalizacion.Cycle.Handlers;

/// <summary>The ways a region's cycle can end (<c>foc:resultado</c>).</summary>
public static class CycleOutcomes
{
    /// <summary>The GORE sent its final focalización, approved by the CORE.</summary>
    public const string Final = "focalizacion-final";

    /// <summary>No final in time: the previous year's focalización applies.</summary>
    public const string Previous = "focalizacion-anterior";

    /// <summary>No final and nothing to fall back on: Sercotec focalizes by its internal definitions.</summary>
    public const string Sercotec = "definicion-sercotec";

    public static IReadOnlyList<string> All { get; } = [Final, Previous, Sercotec];
}
