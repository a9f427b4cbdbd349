using Focalizacion.Cycle.Events;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Service.Api;

/// <summary>Who recorded a milestone's event: the journal line of the message the instance received.</summary>
/// <param name="Event">The cycle event's name.</param>
/// <param name="Name">The person (or part of the service) that recorded it.</param>
/// <param name="Via">Through what (<c>api</c>, <c>web</c>, <c>cli</c>…).</param>
/// <param name="Role">The user's role name, when a user.</param>
/// <param name="Region">The user's region, for a regional role.</param>
/// <param name="At">When.</param>
internal sealed record MilestoneRecorder(string Event, string Name, string? Via, string? Role, string? Region, Instant At);

/// <summary>The one reader of who recorded each milestone of an instance, for the API and the cycle's page.</summary>
internal static class MilestoneRecorders
{
    /// <summary>By milestone key; the last line wins when an event was received more than once.</summary>
    public static async Task<IReadOnlyDictionary<string, MilestoneRecorder>> ReadAsync(Store store, Guid instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var byEvent = CycleEvent.All.ToDictionary(e => new MessageReceived(e.Name).Description);
        await using var command = store.CreateCommand(
            "SELECT event, actor, via, actor_role, actor_region, at FROM journal WHERE instance_id = $1 AND kind = $2 ORDER BY id");
        command.Parameters.Add(new() { Value = instance });
        command.Parameters.Add(new() { Value = JournalKind.MessageReceived.Text() });
        var recorders = new Dictionary<string, MilestoneRecorder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0) && byEvent.TryGetValue(reader.GetString(0), out var cycleEvent))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                recorders[cycleEvent.Milestone] = new MilestoneRecorder(cycleEvent.Name, reader.GetString(1), Text(2), Text(3), Text(4), reader.GetFieldValue<Instant>(5));
            }
        }
        return recorders;
    }
}
