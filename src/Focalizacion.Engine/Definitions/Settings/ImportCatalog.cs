using System.Text.RegularExpressions;

namespace Focalizacion.Engine.Definitions.Settings;

/// <summary>
/// What a host can run, as the importer checks it: each handler with the settings it takes, and
/// the settings other nodes may carry. Timers always take <c>foc:plazo</c>, their name.
/// </summary>
public sealed partial class ImportCatalog
{
    /// <summary>The setting that binds a service task to its handler: read by the importer, never passed on as one of the handler's.</summary>
    public const string HandlerSetting = "handler";

    /// <summary>What <see cref="HandlerSetting"/> is, in Spanish.</summary>
    public const string HandlerDescription = "el manejador de la tarea";

    private static readonly SettingSpec Handler = new(HandlerSetting, HandlerDescription);

    /// <summary>A timer's name, which rules of the same definition refer to.</summary>
    public static SettingSpec PlazoName { get; } = new(NamedPlazo.Setting, "nombre del plazo de este temporizador")
    {
        Check = (value, _) => KeyPattern().IsMatch(value) ? null : "use minúsculas sin tilde, números y guiones (p. ej. focalizacion-final)",
    };

    public ImportCatalog(IReadOnlyDictionary<string, IReadOnlyList<SettingSpec>> handlers, IReadOnlyList<NodeSetting>? nodeSettings = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        Handlers = handlers;
        NodeSettings = [new NodeSetting(PlazoName, NodeKind.Timer), .. nodeSettings ?? []];
    }

    /// <summary>Handlers that take no settings at all (tests of the engine).</summary>
    public static ImportCatalog WithHandlers(IEnumerable<string> names) =>
        new(names.ToDictionary(n => n, _ => (IReadOnlyList<SettingSpec>)[], StringComparer.Ordinal));

    /// <summary>The handler names a service task may bind to, with the settings each takes.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SettingSpec>> Handlers { get; }

    /// <summary>The settings nodes other than service tasks may carry.</summary>
    public IReadOnlyList<NodeSetting> NodeSettings { get; }

    /// <summary>The settings <paramref name="node"/> may carry; null for a service task whose handler does not exist (already a problem).</summary>
    public IReadOnlyList<SettingSpec>? For(FlowNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is ServiceTask task)
        {
            return Handlers.TryGetValue(task.Handler, out var specs) ? [Handler, .. specs, .. ForAny(node)] : null;
        }
        return ForAny(node);
    }

    private List<SettingSpec> ForAny(FlowNode node) => [.. NodeSettings.Where(s => s.Applies(node)).Select(s => s.Spec)];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
