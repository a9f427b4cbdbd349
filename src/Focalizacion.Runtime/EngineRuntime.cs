using Focalizacion.Runtime.Composition;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Outbox;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.Timers;
using NodaTime;

namespace Focalizacion.Runtime;

/// <summary>
/// The runtime's parts wired together over one store, one clock and one module (handlers,
/// instance calendars, the module's schema): definitions, instances, timers, outbox and incidents.
/// </summary>
/// <remarks>
/// The only way the engine is composed: the service and the CLI worker (through
/// <see cref="Jobs.EngineWorkerSetup"/>), the CLI verbs, the simulation and the tests all build it
/// here, so they run the same handlers and settings checks. Nothing is registered behind the
/// caller's back: a runtime has exactly the handlers its module lists.
/// </remarks>
public sealed class EngineRuntime
{
    public EngineRuntime(Store store, IClock clock, EngineModule module, RuntimeOptions? options = null, IWakeUps? wakeUps = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        Store = store;
        Clock = clock;
        Module = module;
        Handlers = new HandlerRegistry(module.Handlers);
        Definitions = new DefinitionStore(store, clock, module.Catalog());
        options ??= new RuntimeOptions();
        Steps = new InstanceSteps(store, clock, module, Definitions, wakeUps ?? NoWakeUps.Instance, options.InstanceCacheCapacity);
        Instances = new WorkflowInstances(store, Steps, Definitions);
        Timers = new TimerFiring(store, Steps);
        Outbox = new OutboxDelivery(store, Steps, Definitions, Handlers, options);
        Incidents = new IncidentResolution(store, Steps);
        Migrations = new InstanceMigrations(store, Steps, Definitions, module);
        Maps = new VersionMaps(store, Definitions);
    }

    public Store Store { get; }

    public IClock Clock { get; }

    public EngineModule Module { get; }

    public HandlerRegistry Handlers { get; }

    public DefinitionStore Definitions { get; }

    public InstanceSteps Steps { get; }

    public WorkflowInstances Instances { get; }

    public TimerFiring Timers { get; }

    public OutboxDelivery Outbox { get; }

    public IncidentResolution Incidents { get; }

    public InstanceMigrations Migrations { get; }

    public VersionMaps Maps { get; }

    /// <summary>The engine's schema and the module's, in that order.</summary>
    public IReadOnlyList<MigrationSet> Schema => [MigrationSet.Engine, .. Module.Migrations];

    /// <summary>Applies the pending migrations of the engine and the module; returns their names.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) =>
        Migrator.ApplyAsync(Store.DataSource, Schema, cancellationToken);
}
