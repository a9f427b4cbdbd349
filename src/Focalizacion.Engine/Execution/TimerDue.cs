using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Engine.Definitions;
using NodaTime;
using NodaTime.TimeZones;

namespace Focalizacion.Engine.Execution;

/// <summary>
/// Computes when a timer is due, from its definition, the instance's calendar and recorded
/// events, and the moment it is scheduled.
/// </summary>
/// <remarks>
/// A plazo rule is due at its overdue instant (the start of the day after its date, in the
/// instance's zone, or its "a las HH:mm"); the plazos it may refer to are the ones its own
/// definition names, nothing else. A local ISO date-time is read in the instance's zone; a skipped
/// local time moves forward and a repeated one means its later occurrence, as for plazos. A
/// duration is added to the local date-time of scheduling, then resolved the same way. Whatever
/// goes wrong computing one (a date outside the calendar, an arithmetic overflow) is a failure
/// with a Spanish reason, which blocks that instance's token with an incident: it never escapes
/// the step.
/// </remarks>
internal static class TimerDue
{
    internal static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    /// <summary>
    /// Every moment the timer stands for, earliest first, each with the rule text that gave it:
    /// one for a date, a duration or a plazo rule; one per rule for a series.
    /// </summary>
    public static Result<IReadOnlyList<(string Text, Instant Due)>> Occurrences(
        TimerDefinition timer, WorkflowDefinition definition, IReadOnlyDictionary<string, LocalDate> events, EngineContext context)
    {
        IReadOnlyList<(string Text, PlazoRule? Rule)> rules = timer.Series is { } series ? [.. series.Select(s => (s.Text, (PlazoRule?)s.Rule))] : [(timer.Text, timer.Rule)];
        var occurrences = new List<(string Text, Instant Due)>();
        foreach (var (text, rule) in rules)
        {
            var due = Computed(timer with { Text = text }, rule, definition, events, context);
            if (!due.Success)
            {
                return Result<IReadOnlyList<(string, Instant)>>.Fail(due.Error);
            }
            occurrences.Add((text, due.Value));
        }
        return Result<IReadOnlyList<(string, Instant)>>.Ok([.. occurrences.OrderBy(o => o.Due)]);
    }

    private static Result<Instant> Computed(
        TimerDefinition timer, PlazoRule? rule, WorkflowDefinition definition, IReadOnlyDictionary<string, LocalDate> events, EngineContext context)
    {
        try
        {
            return Compute(timer, rule, definition, events, context);
        }
        catch (Exception failure) when (failure is ArgumentException or OverflowException)
        {
            // The calendar's and NodaTime's range checks speak English to developers; admins read this.
            return Result<Instant>.Fail(
                $"la regla «{timer.Text}» no se puede calcular: su fecha queda fuera del calendario del servicio ({HolidayCalendar.FirstYear}–{HolidayCalendar.LastYear})");
        }
    }

    private static Result<Instant> Compute(
        TimerDefinition timer, PlazoRule? plazoRule, WorkflowDefinition definition, IReadOnlyDictionary<string, LocalDate> events, EngineContext context)
    {
        var calendar = context.Calendar;
        if (timer.FixedMoment is { } fixedMoment)
        {
            return Result<Instant>.Ok(fixedMoment.ToInstant());
        }
        if (timer.LocalMoment is { } local)
        {
            return Result<Instant>.Ok(calendar.Zone.ResolveLocal(local, Resolver).ToInstant());
        }
        if (timer.Period is { } period)
        {
            var start = context.Now.InZone(calendar.Zone).LocalDateTime;
            return Result<Instant>.Ok(calendar.Zone.ResolveLocal(start + period, Resolver).ToInstant());
        }
        var rule = plazoRule ?? throw new InvalidOperationException($"Timer '{timer.Text}' has no value.");
        if (calendar.BusinessDays is not { } businessDays || calendar.ReferenceYear is not { } year)
        {
            return Result<Instant>.Fail($"la regla «{timer.Text}» no se puede calcular: {calendar.Missing ?? "la instancia no tiene calendario"}");
        }
        var plazo = rule.Evaluate(new PlazoContext(businessDays, year, events, definition.PlazoRules));
        return plazo.Success ? Result<Instant>.Ok(plazo.Value.OverdueAt.ToInstant()) : Result<Instant>.Fail($"la regla «{timer.Text}»: {plazo.Error}");
    }
}
