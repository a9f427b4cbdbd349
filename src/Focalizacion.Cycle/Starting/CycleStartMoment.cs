using Focalizacion.Calendar;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Focalizacion.Cycle.Starting;

/// <summary>
/// When the service starts a budget year's 16 cycles by itself: a day of the year and a time of
/// mainland Chile, in the year before the budget year (the cycle for budget year Y runs during
/// Y−1). By default 1 January at 00:00, the moment <see cref="CycleStarter.BudgetYearInProgress"/>
/// turns to the next budget year, two months before the first oficio (1 March).
/// </summary>
/// <remarks>
/// Mainland time (America/Santiago) for every region: the start is one national moment, and the
/// regions' own zones only decide their deadlines. A time that does not exist that day (the
/// spring-forward hour) is read as the first instant after the gap, one that happens twice as
/// its first occurrence. 29 February is 28 February in common years.
/// </remarks>
/// <param name="Day">Month and day in the year before the budget year.</param>
/// <param name="Time">Mainland local time on that day.</param>
public sealed record CycleStartMoment(AnnualDate Day, LocalTime Time)
{
    /// <summary>Environment variable that sets the moment as <c>MM-dd HH:mm</c> (month-day hour:minute), e.g. <c>01-01 00:00</c>.</summary>
    public const string Variable = "FOCALIZACION_CICLOS_INICIO";

    private static readonly AnnualDatePattern DayPattern = AnnualDatePattern.CreateWithInvariantCulture("MM'-'dd");

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    private static readonly ZoneLocalMappingResolver FirstInstantAtOrAfter =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>1 January at 00:00 mainland time.</summary>
    public static CycleStartMoment Default { get; } = new(new AnnualDate(1, 1), LocalTime.Midnight);

    /// <summary>The instant the cycles of <paramref name="budgetYear"/> are due to start.</summary>
    public Instant For(int budgetYear) => ChileanTime.Mainland.ResolveLocal(Day.InYear(budgetYear - 1).At(Time), FirstInstantAtOrAfter).ToInstant();

    /// <summary>The latest budget year whose cycles are due to have started by <paramref name="now"/>.</summary>
    public int BudgetYearDueAt(Instant now)
    {
        // The moment falling in this calendar year is the next budget year's; before it, this year's is the latest.
        var next = now.InZone(ChileanTime.Mainland).Year + 1;
        return For(next) <= now ? next : next - 1;
    }

    /// <summary>"1 de enero a las 00:00 (hora continental)", the day in the year before <paramref name="budgetYear"/>, for messages.</summary>
    public string Describe(int budgetYear) =>
        $"{Day.Day} de {Spanish.MonthName(Day.Month)} de {budgetYear - 1} a las {TimePattern.Format(Time)} (hora continental)";

    /// <summary>The default when <paramref name="text"/> is empty; a Spanish reason when it is not <c>MM-dd HH:mm</c>.</summary>
    public static Result<CycleStartMoment> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<CycleStartMoment>.Ok(Default);
        }
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var day = parts.Length == 2 ? DayPattern.Parse(parts[0]) : null;
        var time = parts.Length == 2 ? TimePattern.Parse(parts[1]) : null;
        return day is { Success: true } && time is { Success: true }
            ? Result<CycleStartMoment>.Ok(new CycleStartMoment(day.Value, time.Value))
            : Result<CycleStartMoment>.Fail(
                $"{Variable}: {Spanish.Quote(text)} no es un día y una hora como «01-01 00:00» (mes-día hora:minuto, hora continental, del año anterior al presupuestario)");
    }

    /// <summary>From <see cref="Variable"/>; a bad value stops the start naming the variable.</summary>
    public static CycleStartMoment FromEnvironment()
    {
        var moment = Parse(Environment.GetEnvironmentVariable(Variable));
        return moment.Success ? moment.Value : throw new CycleException(moment.Error);
    }

    /// <summary>As the variable writes it: <c>01-01 00:00</c>.</summary>
    public override string ToString() => $"{DayPattern.Format(Day)} {TimePattern.Format(Time)}";
}
