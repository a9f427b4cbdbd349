using System.Text.Json.Nodes;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Runtime.Handlers;

/// <summary>
/// "registrar": records that the task happened, once per idempotency key (a redelivery only
/// counts itself). The simplest real effect, used by tests and simulations to prove exactly-once.
/// </summary>
public sealed class RegistrarHandler(Store store, IClock clock) : IEffectHandler
{
    public string Name => "registrar";

    public async Task<JsonObject?> HandleAsync(EffectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var command = store.DataSource.CreateCommand(
            "INSERT INTO effect_ledger (idempotency_key, instance_id, node_id, handler, recorded_at) VALUES ($1, $2, $3, $4, $5) " +
            "ON CONFLICT (idempotency_key) DO UPDATE SET deliveries = effect_ledger.deliveries + 1");
        command.Parameters.Add(new NpgsqlParameter { Value = request.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = request.InstanceId });
        command.Parameters.Add(new NpgsqlParameter { Value = request.NodeId });
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new JsonObject { [$"registrado_{request.NodeId}"] = true };
    }
}
