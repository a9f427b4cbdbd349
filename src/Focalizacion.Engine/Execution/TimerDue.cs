using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Engine.Definitions;
using NodaTime;
using NodaTime.TimeZones;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// Computes when a timer is due, from its definition, the instance's variables and recorded
/// events, and the moment it is scheduled.
/// </summary>
/// <remarks>
/// A plazo rule is due at its overdue instant (the start of the day after its date, in the
/// region's zone, or its "a las HH:mm"). A local ISO date-time is read in the region's zone; a
/// skipped local time moves forward and a repeated one means its later occurrence, as for plazos.
/// A duration is added to the local date-time of scheduling, then resolved the same way.
/// </remarks>
internal static class TimerDue
{
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    /// <summary>
    /// Every moment the timer stands for, earliest first, each with the rule text that gave it:
    /// one for a date, a duration or a plazo rule; one per rule for a series.
    /// </summary>
    public static Result<IReadOnlyList<(string Text, Instant Due)>> Occurrences(
        TimerDefinition timer, WorkflowDefinition definition, JsonObject variables, IReadOnlyDictionary<string, LocalDate> events, EngineContext context)
    {
        if (timer.Series is not { } series)
        {
            var single = Compute(timer, timer.Rule, definition, variables, events, context);
            return single.Success
                ? Result<IReadOnlyList<(string, Instant)>>.Ok([(timer.Text, single.Value)])
                : Result<IReadOnlyList<(string, Instant)>>.Fail(single.Error);
        }
        var occurrences = new List<(string Text, Instant Due)>();
        foreach (var (text, rule) in series)
        {
            var due = Compute(timer with { Text = text }, rule, definition, variables, events, context);
            if (!due.Success)
            {
                return Result<IReadOnlyList<(string, Instant)>>.Fail(due.Error);
            }
            occurrences.Add((text, due.Value));
        }
        return Result<IReadOnlyList<(string, Instant)>>.Ok([.. occurrences.OrderBy(o => o.Due)]);
    }

    private static Result<Instant> Compute(
        TimerDefinition timer, PlazoRule? plazoRule, WorkflowDefinition definition, JsonObject variables, IReadOnlyDictionary<string, LocalDate> events, EngineContext context)
    {
        var zone = InstanceVariables.ZoneOf(variables);
        if (timer.FixedMoment is { } fixedMoment)
        {
            return Result<Instant>.Ok(fixedMoment.ToInstant());
        }
        if (timer.LocalMoment is { } local)
        {
            return Result<Instant>.Ok(zone.ResolveLocal(local, Resolver).ToInstant());
        }
        if (timer.Period is { } period)
        {
            var start = context.Now.InZone(zone).LocalDateTime;
            return Result<Instant>.Ok(zone.ResolveLocal(start + period, Resolver).ToInstant());
        }
        var rule = plazoRule ?? throw new InvalidOperationException($"Timer '{timer.Text}' has no value.");
        var region = InstanceVariables.RegionOf(variables);
        var budgetYear = InstanceVariables.BudgetYearOf(variables);
        if (region is null || budgetYear is null)
        {
            return Result<Instant>.Fail($"la regla «{timer.Text}» necesita las variables «{InstanceVariables.Region}» y «{InstanceVariables.BudgetYear}»");
        }
        var plazo = rule.Evaluate(new PlazoContext(context.Calendar.BusinessDays(region), budgetYear.Value, events, NamedPlazos(definition)));
        return plazo.Success ? Result<Instant>.Ok(plazo.Value.OverdueAt.ToInstant()) : Result<Instant>.Fail($"la regla «{timer.Text}»: {plazo.Error}");
    }

    /// <summary>
    /// The plazos rules may refer to: the Decreto 246 milestones, plus every timer of the
    /// definition that names itself with the extension setting <c>plazo</c>.
    /// </summary>
    private static Dictionary<string, PlazoRule> NamedPlazos(WorkflowDefinition definition)
    {
        var plazos = new Dictionary<string, PlazoRule>(Decreto246Cycle.Rules);
        foreach (var node in definition.Nodes.Values)
        {
            var timer = node switch
            {
                BoundaryTimerEvent b => b.Timer,
                TimerCatchEvent c => c.Timer,
                _ => null,
            };
            if (timer?.Rule is { } rule && node.Settings.TryGetValue("plazo", out var name))
            {
                plazos[name] = rule;
            }
        }
        return plazos;
    }
}
