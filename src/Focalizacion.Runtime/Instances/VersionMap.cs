namespace Focalizacion.Runtime.Instances;

/// <summary>
/// Live instances on one version's diagram: per node, the instances waiting there (their
/// correlation keys); per sequence flow, how many instances passed it.
/// </summary>
/// <param name="Instances">How many instances of the version were counted (running or not).</param>
/// <param name="Waiting">By node id, the correlation keys of the running instances with a token there, in order.</param>
/// <param name="Passed">By flow id, how many instances went along it (flows nobody passed are absent).</param>
public sealed record VersionMap(int Instances, IReadOnlyDictionary<string, IReadOnlyList<string?>> Waiting, IReadOnlyDictionary<string, int> Passed);
