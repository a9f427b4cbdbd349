using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Service.Web.Exports;
using NodaTime;

namespace Focalizacion.Service.Web.Board;

/// <summary>One cell of the board: a milestone's state in words, with its dates and days left.</summary>
/// <param name="State">The state.</param>
/// <param name="Detail">Spanish: when it was done and how late, or its deadline and the days left.</param>
/// <param name="How">Spanish: how we know it was done ("oficio N° 4/2026 enviado"), when it was.</param>
internal sealed record BoardCell(MilestoneState State, string Detail, string? How)
{
    public string StateName => MilestoneSituation.Name(State);

    public string StateKey => MilestoneSituation.Key(State);
}

/// <summary>One region's row of the board.</summary>
internal sealed record BoardRow(RegionStanding Standing, IReadOnlyList<BoardCell> Cells)
{
    public string Status => CycleJson.StatusText(Standing.Status);
}

/// <summary>
/// The national board (the Tablero page and its exports): for a budget year, the regions a user
/// sees × the cycle's milestones, each cell a <see cref="MilestoneSituation"/> in words; counts per
/// state; filtered by milestone (columns) and state (rows with at least one cell in it).
/// </summary>
internal sealed record Board(int Year, IReadOnlyList<CycleMilestone> Milestones, IReadOnlyList<BoardRow> Rows, IReadOnlyDictionary<MilestoneState, int> Counts)
{
    public static Board Of(int year, IReadOnlyList<RegionStanding> standings, Instant now, HolidayCalendar calendar, string? milestone, MilestoneState? state)
    {
        // The columns: every milestone of the versions the regions run, in legal order (versions may differ).
        var milestones = standings.SelectMany(s => s.Milestones.Select(m => m.Milestone)).DistinctBy(m => m.Key)
            .Where(m => milestone is null || m.Key == milestone).ToList();
        var rows = standings.Select(s =>
        {
            var business = calendar.BusinessDays(s.Region);
            return new BoardRow(s, [.. milestones.Select(m => s.Milestones.FirstOrDefault(x => x.Milestone.Key == m.Key) is { } standing
                ? Cell(MilestoneSituation.Of(standing, s.Status, now, business))
                : new BoardCell(MilestoneState.NoAplica, "la versión del flujo de esta región no tiene este hito", null))]);
        }).ToList();
        var counts = MilestoneSituation.States.ToDictionary(s => s, s => rows.Sum(r => r.Cells.Count(c => c.State == s)));
        var shown = state is { } only ? rows.Where(r => r.Cells.Any(c => c.State == only)).ToList() : rows;
        return new Board(year, milestones, shown, counts);
    }

    public static BoardCell Cell(MilestoneSituation situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        var deadline = situation.Milestone.Deadline;
        var detail = situation.State switch
        {
            MilestoneState.Cumplido => $"el {WebText.ShortDate(situation.Milestone.DoneOn!.Value)}, "
                + (situation.DaysLate is > 0 and var late ? $"con {WebText.Days(late)} de atraso" : "a tiempo"),
            MilestoneState.Pendiente when deadline is null => "plazo por fijar: se cuenta desde un hito anterior",
            MilestoneState.Pendiente => $"vence el {WebText.ShortDate(deadline.Date)}; faltan {WebText.CalendarDays(situation.CalendarDaysLeft!.Value)} ({WebText.BusinessDays(situation.BusinessDaysLeft!.Value)})",
            MilestoneState.VenceHoy => $"hoy, {WebText.ShortDate(deadline!.Date)}; se vence el {WebText.ShortMoment(deadline.OverdueAt.ToInstant(), deadline.Zone)}",
            MilestoneState.Vencido => $"venció el {WebText.ShortDate(deadline!.Date)}; el ciclo aún lo espera",
            MilestoneState.VencidoSinRegistro => $"venció el {WebText.ShortDate(deadline!.Date)} sin registro"
                + (situation.Milestone.FlaggedAtStart ? "; el ciclo se inició después del plazo" : ""),
            _ => "el ciclo terminó sin requerirlo",
        };
        return new BoardCell(situation.State, detail, situation.State == MilestoneState.Cumplido ? situation.Milestone.DoneHow : null);
    }

    /// <summary>Exactly what the page shows, as a table: per milestone, its state and its detail.</summary>
    public ExportTable ToTable() => new(
        $"Tablero {Year}",
        ["Región", "Código", "Estado del ciclo", .. Milestones.SelectMany(m => new[] { $"{m.Key}: estado", $"{m.Key}: detalle" })],
        [.. Rows.Select(r => (IReadOnlyList<string>)[r.Standing.Region.Name, r.Standing.Region.IsoSuffix, r.Status,
            .. r.Cells.SelectMany(c => new[] { c.StateName, c.Detail + (c.How is { } how ? $" ({how})" : "") })])]);
}
