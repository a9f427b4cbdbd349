using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Calendar.Plazos;

/// <summary>
/// A deadline rule in the language admins read and BPMN timers carry, e.g. "15 de marzo",
/// "primer día hábil de diciembre", "15 días corridos desde el evento focalizacion-preliminar-recibida",
/// "7 días antes del plazo focalizacion-final, a las 09:00", "30 de diciembre, prorrogable".
/// </summary>
/// <remarks>
/// The grammar is in <c>docs/reglas-de-plazo.md</c>. Roll-forward (Ley 19.880 art. 25) is off
/// unless the rule says "prorrogable": whether it applies to fixed dates and "días corridos" is
/// not settled law, and rolling 30 December forward in 2028 or 2034 would cross into the budget
/// year. Evaluation is pure: the same rule and context always give the same plazo.
/// </remarks>
public sealed record PlazoRule(PlazoAnchor Anchor, LocalTime? Time = null, bool RollForward = false)
{
    /// <summary>The largest number of days a rule may count (ten years): "3660 días desde el evento x".</summary>
    public const int MaxDays = 3660;

    /// <summary>The largest ordinal ("31° día hábil de …"): no month has more days, let alone business days.</summary>
    public const int MaxOrdinal = 31;

    private const int MaxReferenceDepth = 16;

    /// <summary>Reads a rule; a failure gives the 1-based position and a Spanish reason.</summary>
    public static Result<PlazoRule> Parse(string text) => PlazoRuleParser.Parse(text);

    /// <summary>Evaluates the rule; a missing event, unknown plazo or impossible day is a failure with a Spanish reason.</summary>
    public Result<Plazo> Evaluate(PlazoContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Evaluate(context, depth: 0);
    }

    private Result<Plazo> Evaluate(PlazoContext context, int depth)
    {
        var date = AnchorDate(context, depth);
        if (!date.Success)
        {
            return Result<Plazo>.Fail(date.Error);
        }
        var rolled = context.Calendar.RollForward(date.Value);
        return Result<Plazo>.Ok(new Plazo(date.Value, rolled, RollForward, Time, context.Zone));
    }

    private Result<LocalDate> AnchorDate(PlazoContext context, int depth)
    {
        switch (Anchor)
        {
            case FixedDay fixedDay:
                return Result<LocalDate>.Ok(new LocalDate(context.YearOf(fixedDay.Year), fixedDay.Month, fixedDay.Day));
            case NthBusinessDay nth:
                return context.Calendar.NthBusinessDayOfMonth(context.YearOf(nth.Year), nth.Month, nth.N) is { } day
                    ? Result<LocalDate>.Ok(day)
                    : Result<LocalDate>.Fail($"{Spanish.MonthName(nth.Month)} de {context.YearOf(nth.Year)} no tiene {Math.Abs(nth.N)} días hábiles");
            case DayOffset offset:
                var reference = ReferenceDate(offset, context, depth);
                return reference.Success ? Result<LocalDate>.Ok(Shift(reference.Value, offset, context)) : reference;
            default:
                throw new InvalidOperationException($"Unknown anchor {Anchor}.");
        }
    }

    private static Result<LocalDate> ReferenceDate(DayOffset offset, PlazoContext context, int depth)
    {
        if (offset.Kind == ReferenceKind.Event)
        {
            return context.Events.TryGetValue(offset.Key, out var happened)
                ? Result<LocalDate>.Ok(happened)
                : Result<LocalDate>.Fail($"falta la fecha del evento «{offset.Key}»");
        }
        if (!context.Plazos.TryGetValue(offset.Key, out var rule))
        {
            return Result<LocalDate>.Fail($"no existe el plazo «{offset.Key}»");
        }
        if (depth >= MaxReferenceDepth)
        {
            return Result<LocalDate>.Fail($"el plazo «{offset.Key}» se refiere a sí mismo a través de otros plazos");
        }
        var referenced = rule.Evaluate(context, depth + 1);
        return referenced.Success ? Result<LocalDate>.Ok(referenced.Value.Date) : Result<LocalDate>.Fail(referenced.Error);
    }

    private static LocalDate Shift(LocalDate reference, DayOffset offset, PlazoContext context)
    {
        int days = offset.Before ? -offset.Days : offset.Days;
        if (offset.Count == DayCount.Calendar)
        {
            return reference.PlusDays(days);
        }
        // An event on a non-business day counts as happening on the next business day (Ley 19.880 art. 25).
        var start = offset.Kind == ReferenceKind.Event ? context.Calendar.RollForward(reference) : reference;
        return context.Calendar.AddBusinessDays(start, days);
    }

    /// <summary>The canonical text of the rule, which <see cref="Parse"/> reads back to an equal rule.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Anchor switch
        {
            FixedDay d => $"{d.Day} de {Spanish.MonthName(d.Month)}{YearSuffix(d.Year)}",
            NthBusinessDay n => $"{PlazoVocabulary.OrdinalText(n.N)} día hábil de {Spanish.MonthName(n.Month)}{YearSuffix(n.Year)}",
            DayOffset o => $"{o.Days} {(o.Days == 1 ? "día" : "días")} {(o.Count == DayCount.Business ? (o.Days == 1 ? "hábil" : "hábiles") : (o.Days == 1 ? "corrido" : "corridos"))} "
                + $"{(o.Before ? "antes del" : "desde el")} {(o.Kind == ReferenceKind.Event ? "evento" : "plazo")} {o.Key}",
            _ => throw new InvalidOperationException($"Unknown anchor {Anchor}."),
        });
        if (Time is { } time)
        {
            text.Append(", a las ").Append(LocalTimePattern.CreateWithInvariantCulture("HH:mm").Format(time));
        }
        if (RollForward)
        {
            text.Append(", prorrogable");
        }
        return text.ToString();
    }

    private static string YearSuffix(RuleYear year) => year == RuleYear.Budget ? " del año presupuestario" : "";
}
