namespace Focalizacion.Cycle.Starting;

/// <summary>What preparing the cycle did.</summary>
/// <param name="DirectoryAdded">Placeholder recipients added (0 when every role already had someone).</param>
/// <param name="Version">The shipped workflow's published version now in force.</param>
/// <param name="Published">True when this preparation published it (the shipped file had changed).</param>
public sealed record CyclePreparation(int DirectoryAdded, int Version, bool Published);
