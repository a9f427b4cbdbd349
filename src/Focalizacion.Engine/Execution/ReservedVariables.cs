using System.Text.Json.Nodes;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// Variables that only an instance's host sets (when it starts the instance, or through its
/// handlers' outputs): data from outside (a message's payload, a user task's data) naming one is
/// refused, so it can never replace what the instance is about or what its host decided.
/// </summary>
/// <remarks>
/// The cycle reserves its correlation (<c>region</c>, <c>anioPresupuestario</c>), what its start
/// recorded (<c>registrado_*</c>, <c>vencido*</c>) and what its handlers answer; a message that
/// says <c>{"region": "NB"}</c> to Arica's cycle would otherwise send Arica's oficios to Ñuble. The
/// engine's own <see cref="InstanceVariables.Events"/> is always reserved.
/// </remarks>
public sealed class ReservedVariables
{
    private readonly HashSet<string> _names;
    private readonly string[] _prefixes;

    /// <param name="names">Reserved names, exactly.</param>
    /// <param name="prefixes">Every name that starts with one of these is reserved (<c>registrado_</c>).</param>
    public ReservedVariables(IEnumerable<string> names, IEnumerable<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(prefixes);
        _names = new HashSet<string>(names, StringComparer.Ordinal) { InstanceVariables.Events };
        _prefixes = [.. prefixes];
    }

    /// <summary>Only the engine's own: what a host that reserves nothing gets.</summary>
    public static ReservedVariables None { get; } = new([], []);

    public bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _names.Contains(name) || _prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>The first reserved name <paramref name="data"/> sets, in its order, or null.</summary>
    public string? FirstIn(JsonObject? data) => data?.Select(p => p.Key).FirstOrDefault(Contains);
}
