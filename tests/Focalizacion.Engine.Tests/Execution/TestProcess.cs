using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Execution;
using NodaTime;

namespace Focalizacion.Engine.Tests.Execution;

/// <summary>Builds small definitions in code and drives them step by step, keeping every effect.</summary>
internal sealed class TestProcess
{
    private readonly List<FlowNode> _nodes = [];
    private readonly List<SequenceFlow> _flows = [];
    private WorkflowDefinition? _definition;

    public static readonly Guid InstanceId = Guid.Parse("00000000-0000-0000-0000-000000000246");

    public TestProcess Node(FlowNode node)
    {
        _nodes.Add(node);
        return this;
    }

    public TestProcess Flow(string source, string target, Condition? condition = null, string? id = null)
    {
        _flows.Add(new SequenceFlow(id ?? $"{source}->{target}", null, source, target, condition));
        return this;
    }

    public WorkflowDefinition Definition => _definition ??= new WorkflowDefinition("Proceso_Prueba", "Prueba", _nodes, _flows);

    public InstanceState State { get; private set; } = InstanceState.New(new JsonObject());

    /// <summary>Replaces the state before the start (variables and events recorded earlier).</summary>
    public void Restart(InstanceState state) => State = state;

    public Instant Now { get; set; } = Instant.FromUtc(2026, 3, 2, 12, 0);

    public List<EngineEffect> Effects { get; } = [];

    /// <summary>The instance's calendar: Ñuble's business days and budget year 2027, unless a test says otherwise.</summary>
    public InstanceCalendar Calendar { get; set; } = InstanceCalendar.For(HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix("NB")), 2027);

    /// <summary>The variables the host keeps for itself; only the engine's own unless a test says otherwise.</summary>
    public ReservedVariables Reserved { get; set; } = ReservedVariables.None;

    public StepResult Send(WorkflowEvent @event)
    {
        var result = WorkflowEngine.Step(Definition, State, @event, new EngineContext(InstanceId, Now, Calendar) { Reserved = Reserved });
        State = result.State;
        Effects.AddRange(result.Effects);
        return result;
    }

    public TestProcess Start()
    {
        var result = Send(new Started());
        Assert.That(result.Applied, Is.True, result.Refusal);
        return this;
    }

    public IEnumerable<T> EffectsOf<T>() => Effects.OfType<T>();

    public ActiveTimer Timer(string nodeId) => State.Timers.Single(t => t.NodeId == nodeId);

    public IEnumerable<string> WaitingAt() => State.Tokens.Select(t => t.NodeId).Order();

    public static TimerDefinition Duration(string iso) =>
        new(TimerKind.Duration, iso) { Period = NodaTime.Text.PeriodPattern.NormalizingIso.Parse(iso).Value };

    public static TimerDefinition Plazo(string rule) =>
        new(TimerKind.Date, rule) { Rule = Focalizacion.Calendar.Plazos.PlazoRule.Parse(rule).Value };
}
