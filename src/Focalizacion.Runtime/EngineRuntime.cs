using Focalizacion.Calendar.Holidays;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Outbox;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.Timers;
using NodaTime;

namespace Focalizacion.Runtime;

/// <summary>
/// The runtime's parts wired together over one store and one clock: definitions, instances,
/// timers, outbox and incidents. The CLI, the worker, tests and simulations all build it here.
/// </summary>
public sealed class EngineRuntime
{
    public EngineRuntime(Store store, IClock clock, HolidayCalendar calendar, IEnumerable<IEffectHandler>? handlers = null, RuntimeOptions? options = null, IWakeUps? wakeUps = null)
    {
        Store = store;
        Clock = clock;
        Handlers = new HandlerRegistry([new RegistrarHandler(store, clock), .. handlers ?? []]);
        Definitions = new DefinitionStore(store, clock, Handlers);
        options ??= new RuntimeOptions();
        Steps = new InstanceSteps(store, clock, calendar, Definitions, wakeUps ?? NoWakeUps.Instance, options.InstanceCacheCapacity);
        Instances = new WorkflowInstances(store, Steps, Definitions);
        Timers = new TimerFiring(store, Steps);
        Outbox = new OutboxDelivery(store, Steps, Handlers, options);
        Incidents = new IncidentResolution(store, Steps);
    }

    public Store Store { get; }

    public IClock Clock { get; }

    public HandlerRegistry Handlers { get; }

    public DefinitionStore Definitions { get; }

    public InstanceSteps Steps { get; }

    public WorkflowInstances Instances { get; }

    public TimerFiring Timers { get; }

    public OutboxDelivery Outbox { get; }

    public IncidentResolution Incidents { get; }
}
