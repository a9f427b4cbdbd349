using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Cycle.Plan;

/// <summary>
/// Which instances are a region's cycle for a budget year: those of the cycle's own process
/// (<see cref="ShippedWorkflow.ProcessKey"/>, any version) with the cycle's correlation key
/// (<see cref="CycleKey"/>).
/// </summary>
/// <remarks>
/// The key alone is not enough: a correlation key is the host's to give, and any other workflow's
/// instance may be started with the same region and year (<c>instancia iniciar</c>). Such an
/// instance must neither count as the region's cycle when starting it, nor be shown for it, nor
/// receive its events. <see cref="AddWithOpenIncidents"/> says the same rule in SQL, for a batch.
/// </remarks>
public static class CycleInstances
{
    /// <summary>The cycle's instances of <paramref name="region"/> and <paramref name="budgetYear"/>, whatever their status.</summary>
    public static IQueryable<InstanceRow> Of(FocalizacionDb db, Region region, int budgetYear)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = CycleKey.For(region, budgetYear);
        return db.Instances.Where(i => i.CorrelationKey == key
            && db.Definitions.Any(d => d.Id == i.DefinitionId && d.ProcessKey == ShippedWorkflow.ProcessKey));
    }

    /// <summary>The cycle's instances of each of <paramref name="regions"/> for <paramref name="budgetYear"/>, whatever their status: one query.</summary>
    public static IQueryable<InstanceRow> Of(FocalizacionDb db, IEnumerable<Region> regions, int budgetYear)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(regions);
        var keys = regions.Select(r => CycleKey.For(r, budgetYear)).ToList();
        return db.Instances.Where(i => keys.Contains(i.CorrelationKey!)
            && db.Definitions.Any(d => d.Id == i.DefinitionId && d.ProcessKey == ShippedWorkflow.ProcessKey));
    }

    /// <summary>
    /// As <see cref="Of(FocalizacionDb, IEnumerable{Region}, int)"/>, as a statement added to <paramref name="batch"/>:
    /// each instance with its open incidents (<c>node: reason</c>, oldest first), read by <see cref="ReadWithOpenIncidentsAsync"/>.
    /// For a reader that sends it in the round trip of its other statements, without an EF Core context.
    /// </summary>
    public static void AddWithOpenIncidents(NpgsqlBatch batch, IEnumerable<Region> regions, int budgetYear)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(regions);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            SELECT i.id, i.definition_id, i.status, i.correlation_key, i.state::text, i.created_at,
                ARRAY(SELECT x.node_id || ': ' || x.reason FROM incidents x WHERE x.instance_id = i.id AND x.state = $3 ORDER BY x.id)
            FROM workflow_instances i
            WHERE i.correlation_key = ANY($1)
                AND EXISTS (SELECT FROM workflow_definitions d WHERE d.id = i.definition_id AND d.process_key = $2)
            """)
        {
            Parameters =
            {
                new() { Value = regions.Select(r => CycleKey.For(r, budgetYear)).ToArray() },
                new() { Value = ShippedWorkflow.ProcessKey },
                new() { Value = nameof(IncidentState.Open) },
            },
        });
    }

    /// <summary>The rows of <see cref="AddWithOpenIncidents"/>'s statement, <paramref name="reader"/> at its result.</summary>
    public static async Task<IReadOnlyList<(InstanceRow Row, string[] OpenIncidents)>> ReadWithOpenIncidentsAsync(
        NpgsqlDataReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<(InstanceRow, string[])>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((new InstanceRow
            {
                Id = reader.GetGuid(0),
                DefinitionId = reader.GetInt64(1),
                Status = reader.GetString(2),
                CorrelationKey = reader.GetString(3),
                State = reader.GetString(4),
                CreatedAt = reader.GetFieldValue<Instant>(5),
            }, reader.GetFieldValue<string[]>(6)));
        }
        return rows;
    }
}
