using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Plan;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;

namespace Focalizacion.Cycle.Starting;

/// <summary>
/// Starts the cycles of a budget year, for all 16 regions or chosen ones, at any date: the service
/// may go live mid-year.
/// </summary>
/// <remarks>
/// The operator says which milestones already happened and when. Those are journaled through the
/// instance's variables (<c>registrado_*</c>) and dates, so the workflow skips them and sends no
/// oficio for them; plazos counting from them (the 15 días corridos of the observaciones) count from
/// the recorded date. A deadline already past with nothing recorded is flagged
/// (<c>vencidosSinRegistro</c>, <c>vencido_oficio_inicio</c>) and never sent late. A region whose
/// cycle for that year already exists (an instance of the cycle's process, <see cref="CycleInstances"/>;
/// another workflow's instance with the same key does not count) is left alone, so starting twice
/// is harmless.
/// </remarks>
public sealed class CycleStarter(EngineRuntime runtime, HolidayCalendar calendar)
{
    public const string OverdueVariable = "vencidosSinRegistro";

    /// <summary>The budget year whose cycle runs at <paramref name="now"/>: the cycle for Y runs during Y−1.</summary>
    public static int BudgetYearInProgress(Instant now) => now.InZone(ChileanTime.Mainland).Year + 1;

    /// <summary>The variable that tells the workflow a milestone already happened ("registrado_oficio_inicio").</summary>
    public static string RecordedVariable(string milestone) => CycleVariables.RecordedPrefix + milestone.Replace('-', '_');

    /// <summary>
    /// Checks the operator's records against the milestones of the version a start would use,
    /// before anything starts; the first problem, in Spanish, or null.
    /// </summary>
    public async Task<string?> CheckAsync(int budgetYear, IReadOnlyDictionary<string, LocalDate> recorded, Region region, CancellationToken cancellationToken = default)
    {
        var (_, plan) = await CycleVersions.ToStartAsync(runtime, cancellationToken);
        return Check(plan, budgetYear, recorded, region);
    }

    private string? Check(CyclePlan plan, int budgetYear, IReadOnlyDictionary<string, LocalDate> recorded, Region region)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(region);
        var today = runtime.Clock.GetCurrentInstant().InZone(region.Zone).Date;
        foreach (var (milestone, date) in recorded)
        {
            if (plan.Milestone(milestone) is null)
            {
                return $"hito desconocido «{milestone}»; los hitos son: {string.Join(", ", plan.Milestones.Select(m => m.Key))}";
            }
            if (date > today)
            {
                return $"{region.IsoSuffix}: el hito «{milestone}» tiene fecha {Spanish.LongDate(date)}, posterior a hoy";
            }
            if (date.Year != budgetYear - 1 && date.Year != budgetYear)
            {
                return $"{region.IsoSuffix}: el hito «{milestone}» tiene fecha {Spanish.LongDate(date)}, fuera del ciclo {budgetYear - 1} del año presupuestario {budgetYear}";
            }
        }
        // A plazo counting from another milestone's event needs that milestone's date.
        foreach (var milestone in plan.Milestones.Where(m => recorded.ContainsKey(m.Key)))
        {
            if (milestone.Rule.Anchor is DayOffset { Kind: ReferenceKind.Event } offset
                && plan.Milestones.FirstOrDefault(m => plan.EventOf(m.Key) == offset.Key) is { } source && !recorded.ContainsKey(source.Key))
            {
                return $"{region.IsoSuffix}: para registrar «{milestone.Key}» registre también «{source.Key}» (su plazo cuenta desde ella)";
            }
        }
        return null;
    }

    public async Task<CycleStart> StartAsync(int budgetYear, Region region, IReadOnlyDictionary<string, LocalDate> recorded, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        var (definitionId, plan) = await CycleVersions.ToStartAsync(runtime, cancellationToken);
        if (definitionId is null)
        {
            throw new CycleException($"No hay una versión publicada del flujo «{ShippedWorkflow.ProcessKey}»: ejecute «focalizacion ciclo preparar».");
        }
        if (Check(plan, budgetYear, recorded, region) is { } problem)
        {
            throw new ArgumentException(problem, nameof(recorded));
        }
        // Two processes starting the same region and year (two service replicas at boot) must not
        // both see "none yet": the check and the start happen under one advisory lock.
        await using var connection = await runtime.Store.DataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext($1))", connection))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = $"ciclo:{region.IsoSuffix}:{budgetYear}" });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            if (await ExistingAsync(region, budgetYear, cancellationToken) is { } existing)
            {
                return new CycleStart(region, existing, true, []);
            }
            var events = recorded
                .Select(r => (Event: plan.EventOf(r.Key), Date: r.Value))
                .Where(r => r.Event is not null)
                .ToDictionary(r => r.Event!, r => r.Date);
            var overdue = OverdueWithoutRecord(plan, budgetYear, region, recorded, events);
            var variables = new JsonObject
            {
                [CycleVariables.RegionName] = region.IsoSuffix,
                [CycleVariables.BudgetYearName] = budgetYear,
                [OverdueVariable] = new JsonArray([.. overdue.Select(k => (JsonNode)k)]),
            };
            foreach (var (milestone, date) in recorded)
            {
                variables[RecordedVariable(milestone)] = true;
                variables[RecordedVariable(milestone) + "_fecha"] = date.ToString("yyyy-MM-dd", null);
            }
            if (overdue.Contains("oficio-inicio"))
            {
                variables["vencido_oficio_inicio"] = true;
            }
            var id = await runtime.Instances.StartAsync(definitionId.Value, variables, events, CycleKey.For(region, budgetYear), actor, cancellationToken);
            return new CycleStart(region, id, false, overdue);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private List<string> OverdueWithoutRecord(CyclePlan plan, int budgetYear, Region region, IReadOnlyDictionary<string, LocalDate> recorded, Dictionary<string, LocalDate> events)
    {
        var now = runtime.Clock.GetCurrentInstant();
        return plan.Deadlines(calendar.BusinessDays(region), budgetYear, events)
            .Where(d => !recorded.ContainsKey(d.Milestone.Key) && d.Plazo.IsOverdue(now))
            .Select(d => d.Milestone.Key)
            .ToList();
    }

    private async Task<Guid?> ExistingAsync(Region region, int budgetYear, CancellationToken cancellationToken)
    {
        await using var db = runtime.Store.Open();
        var cancelled = nameof(InstanceStatus.Cancelled);
        var id = await CycleInstances.Of(db, region, budgetYear).Where(i => i.Status != cancelled)
            .OrderBy(i => i.CreatedAt).Select(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        return id == Guid.Empty ? null : id;
    }
}
