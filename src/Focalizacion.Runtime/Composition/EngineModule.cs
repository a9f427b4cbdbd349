using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Persistence;

namespace Focalizacion.Runtime.Composition;

/// <summary>
/// What a host adds to the generic engine: the handlers its service tasks bind to, how an
/// instance's calendar follows from its variables, and the database schema its handlers keep
/// (migrated after the engine's own). The cycle is one such module; tests build small ones.
/// </summary>
/// <param name="Handlers">The named handlers; definitions naming any other are refused at import.</param>
/// <param name="Calendars">Each instance's calendar, from its variables.</param>
/// <param name="Migrations">The module's own SQL migrations, applied after the engine's.</param>
public sealed record EngineModule(IReadOnlyList<IEffectHandler> Handlers, IInstanceCalendars Calendars, IReadOnlyList<MigrationSet> Migrations)
{
    /// <summary>The settings nodes other than service tasks may carry for this module (the cycle's <c>foc:ventana</c>…).</summary>
    public IReadOnlyList<NodeSetting> NodeSettings { get; init; } = [];

    /// <summary>
    /// The variables this module's instances keep for themselves (set at start or by its handlers):
    /// the engine refuses a message or user task whose data names one.
    /// </summary>
    public ReservedVariables ReservedVariables { get; init; } = ReservedVariables.None;

    /// <summary>What definitions may use: these handlers with their settings, and these node settings.</summary>
    public ImportCatalog Catalog() =>
        new(Handlers.ToDictionary(h => h.Name, h => h.Settings, StringComparer.Ordinal), NodeSettings);
}
