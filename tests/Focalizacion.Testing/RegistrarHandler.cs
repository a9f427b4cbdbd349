using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Testing;

/// <summary>
/// "registrar": records that the task happened, once per idempotency key (a redelivery only
/// counts itself, in <c>deliveries</c>). The simplest real effect, which the engine's tests use to
/// prove exactly-once; its table <c>effect_ledger</c> is the test module's schema.
/// </summary>
public sealed class RegistrarHandler(Store store, IClock clock) : IEffectHandler
{
    public string Name => "registrar";

    public IReadOnlyList<SettingSpec> Settings { get; } = [];

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
