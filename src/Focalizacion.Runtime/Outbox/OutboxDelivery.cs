using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Instances;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Runtime.Outbox;

/// <summary>
/// Delivers outbox entries to their handlers: claim, run the handler outside any transaction,
/// then record the result and step the instance in one transaction.
/// </summary>
/// <remarks>
/// The claim is an atomic update that pushes the entry's next attempt a lease ahead and counts the
/// attempt, so two workers never run one entry at the same time; while the handler runs, the
/// worker renews the lease every <see cref="RuntimeOptions.DeliveryHeartbeat"/> (the attempt count
/// tells it the claim is still its own; if it is not, the handler is cancelled). A crash after the
/// handler but before the commit leaves the entry pending: once the lease runs out it runs again
/// with the same idempotency key, which is how handlers make their effect happen once. Recording
/// the outcome waits out a database restart (<see cref="RuntimeOptions.Bookkeeping"/>). Failures
/// back off exponentially; after <see cref="RuntimeOptions.MaxAttempts"/> the entry becomes an
/// incident and waits for an operator. A suspended instance's entries wait: they are not claimed,
/// and one whose handler succeeded while the instance was being suspended keeps its outputs and is
/// applied, without running the handler again, once the instance is resumed. The outcome of an
/// effect whose running instance this process stepped last is recorded in one round trip (the
/// instance's state from its cache, behind the version guard and the entry's pending guard); any
/// other, or one whose guard refuses, in two.
/// </remarks>
public sealed class OutboxDelivery(Store store, InstanceSteps steps, DefinitionStore definitions, HandlerRegistry handlers, RuntimeOptions options)
{
    /// <summary>Delivers one entry if it is pending and due; returns whether its handler succeeded.</summary>
    public async Task<bool> DeliverAsync(long outboxId, CancellationToken cancellationToken = default)
    {
        var entry = await ClaimAsync(outboxId, cancellationToken);
        if (entry is null)
        {
            return false;
        }
        if (entry.Result is { } kept)
        {
            // The handler succeeded while the instance was suspended; it is running again now.
            await RecordSuccessAsync(entry, JsonNode.Parse(kept)?.AsObject());
            return true;
        }
        var payload = JsonNode.Parse(entry.Payload)!.AsObject();
        JsonObject? outputs;
        using (var claim = new HeldClaim(this, entry, options.DeliveryHeartbeat, cancellationToken))
        {
            try
            {
                var request = new EffectRequest(
                    entry.Key, entry.InstanceId, entry.NodeId,
                    payload["settings"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!),
                    payload["variables"]!.AsObject(), entry.Attempts, await definitions.ParsedAsync(entry.DefinitionId, cancellationToken));
                var handler = handlers.Find(entry.Handler) ?? throw new InvalidOperationException($"no existe el manejador «{entry.Handler}»");
                outputs = await handler.HandleAsync(request, claim.Token);
            }
            catch (Exception) when (claim.Lost && !cancellationToken.IsCancellationRequested)
            {
                await claim.StopAsync();
                return false; // resolved or taken over meanwhile: whoever holds it now records its outcome
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Stopped first: a renewal after the failure's backoff would undo it.
                await claim.StopAsync();
                await RecordFailureAsync(entry, failure.Message);
                return false;
            }
            await claim.StopAsync();
        }
        await RecordSuccessAsync(entry, outputs);
        return true;
    }

    /// <summary>
    /// Claims a pending, due entry of an instance that is not suspended, in one atomic statement
    /// that pushes its next attempt a lease ahead and counts the attempt; null when it is not
    /// pending, not due, its instance is suspended, or another worker has it.
    /// </summary>
    private async Task<Claimed?> ClaimAsync(long outboxId, CancellationToken cancellationToken)
    {
        var now = steps.Clock.GetCurrentInstant();
        await using var claim = store.CreateCommand(
            $"""
            UPDATE outbox SET next_attempt_at = $3, attempts = attempts + 1
            WHERE id = $1 AND state = '{nameof(OutboxState.Pending)}' AND next_attempt_at <= $2
                AND NOT EXISTS (SELECT FROM workflow_instances i WHERE i.id = outbox.instance_id AND i.status = '{nameof(InstanceStatus.Suspended)}')
            RETURNING instance_id, idempotency_key, handler, node_id, payload, attempts,
                (SELECT definition_id FROM workflow_instances WHERE id = outbox.instance_id), result::text
            """);
        claim.Parameters.Add(new() { Value = outboxId });
        claim.Parameters.Add(new() { Value = now });
        claim.Parameters.Add(new() { Value = now + options.DeliveryLease });
        await using var row = await claim.ExecuteReaderAsync(cancellationToken);
        return await row.ReadAsync(cancellationToken)
            ? new Claimed(outboxId, row.GetGuid(0), row.GetString(1), row.GetString(2), row.GetString(3), row.GetString(4), row.GetInt32(5), row.GetInt64(6),
                row.IsDBNull(7) ? null : row.GetString(7))
            : null;
    }

    /// <summary>
    /// Pushes a claim a lease ahead if it is still this worker's: the entry is pending and nobody
    /// claimed it since (a claim counts an attempt). False when it is no longer ours.
    /// </summary>
    private async Task<bool> RenewAsync(Claimed entry, CancellationToken cancellationToken)
    {
        await using var renew = store.CreateCommand(
            $"UPDATE outbox SET next_attempt_at = $3 WHERE id = $1 AND attempts = $2 AND state = '{nameof(OutboxState.Pending)}'");
        renew.Parameters.Add(new() { Value = entry.Id });
        renew.Parameters.Add(new() { Value = entry.Attempts });
        renew.Parameters.Add(new() { Value = steps.Clock.GetCurrentInstant() + options.DeliveryLease });
        return await renew.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Delivers every pending entry due by the clock; returns how many succeeded.</summary>
    public async Task<int> DeliverDueAsync(int batchSize = BatchSize, CancellationToken cancellationToken = default)
    {
        List<long> due;
        await using (var batch = store.CreateBatch())
        {
            batch.BatchCommands.Add(DueCommand(steps.Clock.GetCurrentInstant(), batchSize));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            due = await ReadDueAsync(reader, cancellationToken);
        }
        return await DeliverAsync(due, cancellationToken);
    }

    /// <summary>Delivers the given entries (<see cref="DueCommand"/> found them due) in order; returns how many succeeded.</summary>
    internal async Task<int> DeliverAsync(IReadOnlyList<long> due, CancellationToken cancellationToken)
    {
        int delivered = 0;
        foreach (var id in due)
        {
            delivered += await DeliverAsync(id, cancellationToken) ? 1 : 0;
        }
        return delivered;
    }

    /// <summary>The earliest instant a pending entry of a running instance may be tried, for a virtual clock.</summary>
    public async Task<Instant?> NextAttemptAsync(CancellationToken cancellationToken = default)
    {
        await using var batch = store.CreateBatch();
        batch.BatchCommands.Add(NextAttemptCommand());
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadNextAttemptAsync(reader, cancellationToken);
    }

    /// <summary>How many due entries a sweep reads at a time.</summary>
    public const int BatchSize = 500;

    /// <summary>Pending entries of instances that are not suspended (a suspended instance's effects wait for it to resume), as <c>o</c>.</summary>
    private const string Pending =
        $"o.state = '{nameof(OutboxState.Pending)}' AND NOT EXISTS (SELECT FROM workflow_instances i WHERE i.id = o.instance_id AND i.status = '{nameof(InstanceStatus.Suspended)}')";

    /// <summary>The ids of the pending entries due by <paramref name="now"/>, oldest first; at most <paramref name="limit"/> (<see cref="ReadDueAsync"/> reads them).</summary>
    internal static NpgsqlBatchCommand DueCommand(Instant now, int limit) => new($"SELECT o.id FROM outbox o WHERE {Pending} AND o.next_attempt_at <= $1 ORDER BY o.id LIMIT $2")
    {
        Parameters = { new() { Value = now }, new() { Value = limit } },
    };

    internal static async Task<List<long>> ReadDueAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var due = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(reader.GetInt64(0));
        }
        return due;
    }

    /// <summary>The earliest instant a pending entry may be tried (<see cref="ReadNextAttemptAsync"/> reads it).</summary>
    internal static NpgsqlBatchCommand NextAttemptCommand() => new($"SELECT o.next_attempt_at FROM outbox o WHERE {Pending} ORDER BY o.next_attempt_at LIMIT 1");

    internal static async Task<Instant?> ReadNextAttemptAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<Instant>(0) : null;

    /// <summary>
    /// Marks the entry delivered and steps its instance with the handler's outputs; if the instance
    /// was suspended meanwhile, keeps the outputs on the entry instead, to apply when it is resumed.
    /// The effect has happened: recording it is not cancelled, and waits for the database.
    /// </summary>
    private Task RecordSuccessAsync(Claimed entry, JsonObject? outputs) => options.Bookkeeping.RunAsync(async () =>
    {
        var completed = new EffectCompleted(entry.Key, outputs);
        if (steps.CachedRunning(entry.InstanceId) is { } cached
            && await steps.StepCachedAsync(cached, completed, Actor.Outbox, ("outbox", entry.Id),
                (transaction, outcome) => Record(transaction, cached, outcome), CancellationToken.None) is not null)
        {
            return;
        }
        await using var transaction = await steps.OpenAsync(CancellationToken.None);
        var (instance, state, _) = await LockAsync(transaction, entry, CancellationToken.None);
        if (state != nameof(OutboxState.Pending))
        {
            return; // withdrawn or resolved meanwhile: the effect happened, but nobody waits for it any more
        }
        Record(transaction, instance!, await steps.StepLockedAsync(transaction, instance!, completed, Actor.Outbox, CancellationToken.None));
        await steps.CommitAsync(transaction, CancellationToken.None);

        void Record(StepTransaction transaction, LockedInstance instance, StepOutcome outcome)
        {
            var now = steps.Clock.GetCurrentInstant();
            if (!outcome.Applied && instance.Status == nameof(InstanceStatus.Suspended))
            {
                // The refusal is journaled; the outputs wait on the entry, due again as soon as the instance runs.
                transaction.Write(
                    "UPDATE outbox SET result = $2, next_attempt_at = $3, last_error = NULL, last_error_at = NULL WHERE id = $1",
                    entry.Id, StepTransaction.Jsonb(outputs?.ToJsonString() ?? "null"), now);
            }
            else
            {
                transaction.Write(
                    $"UPDATE outbox SET state = '{nameof(OutboxState.Delivered)}', delivered_at = $2, result = NULL, last_error = NULL, last_error_at = NULL WHERE id = $1",
                    entry.Id, now);
            }
        }
    });

    private Task RecordFailureAsync(Claimed entry, string error) => options.Bookkeeping.RunAsync(async () =>
    {
        await using var transaction = await steps.OpenAsync(CancellationToken.None);
        var (instance, state, attempts) = await LockAsync(transaction, entry, CancellationToken.None);
        if (state != nameof(OutboxState.Pending) || attempts != entry.Attempts)
        {
            return; // resolved, or claimed again after this claim's lease ran out: not this attempt's to record
        }
        var now = steps.Clock.GetCurrentInstant();
        string details;
        bool incident = attempts >= options.MaxAttempts;
        if (incident)
        {
            transaction.Write($"UPDATE outbox SET state = '{nameof(OutboxState.Incident)}', last_error = $2, last_error_at = $3 WHERE id = $1", entry.Id, error, now);
            var token = InstanceStateJson.Deserialize(instance!.State).Tokens.FirstOrDefault(t => t.Key == entry.Key);
            transaction.Write(
                $"INSERT INTO incidents (instance_id, token_id, node_id, outbox_id, reason, state, created_at) VALUES ($1, $2, $3, $4, $5, '{nameof(IncidentState.Open)}', $6)",
                entry.InstanceId, token?.Id ?? "", entry.NodeId, entry.Id, $"el manejador «{entry.Handler}» falló {attempts} veces: {error}", now);
            details = $"«{entry.Handler}» falló {attempts} veces; queda como incidente: {error}";
        }
        else
        {
            var next = now + options.RetryDelay(attempts);
            transaction.Write("UPDATE outbox SET next_attempt_at = $2, last_error = $3, last_error_at = $4 WHERE id = $1", entry.Id, next, error, now);
            details = $"«{entry.Handler}» falló (intento {attempts} de {options.MaxAttempts}); nuevo intento desde {next}: {error}";
        }
        transaction.Journal(new JournalRow
        {
            InstanceId = entry.InstanceId,
            At = now,
            By = Actor.Outbox,
            Kind = (incident ? JournalKind.Incident : JournalKind.EffectFailed).Text(),
            Activity = entry.NodeId,
            Details = details,
        });
        await steps.CommitAsync(transaction, CancellationToken.None);
    });

    /// <summary>Locks the entry's instance, then the entry; returns its current state and attempts.</summary>
    private static async Task<(LockedInstance? Instance, string? State, int Attempts)> LockAsync(
        StepTransaction transaction, Claimed entry, CancellationToken cancellationToken)
    {
        LockedInstance? instance = null;
        (string? State, int Attempts) row = (null, 0);
        await transaction.BeginAsync(
            cancellationToken,
            LockedInstance.Lock(entry.InstanceId, skipLocked: false, found => instance = found),
            new StepRead("SELECT state, attempts FROM outbox WHERE id = $1 FOR UPDATE", [entry.Id], r => row = (r.GetString(0), r.GetInt32(1))));
        return (instance, row.State, row.Attempts);
    }

    /// <summary>An entry this worker claimed, as the claim returned it (with the outputs kept while its instance was suspended, if any).</summary>
    private sealed record Claimed(long Id, Guid InstanceId, string Key, string Handler, string NodeId, string Payload, int Attempts, long DefinitionId, string? Result);

    /// <summary>
    /// A claim while its handler runs: renewed every heartbeat until <see cref="StopAsync"/>, and
    /// <see cref="Token"/> cancelled (with the caller's token) if a renewal finds it is no longer ours.
    /// </summary>
    private sealed class HeldClaim : IDisposable
    {
        private readonly CancellationTokenSource _handler;
        private readonly CancellationTokenSource _beating = new();
        private readonly Task _heartbeat;
        private volatile bool _lost;

        public HeldClaim(OutboxDelivery delivery, Claimed entry, Duration heartbeat, CancellationToken cancellationToken)
        {
            _handler = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _heartbeat = BeatAsync(delivery, entry, heartbeat.ToTimeSpan());
        }

        public CancellationToken Token => _handler.Token;

        /// <summary>Whether a renewal found the entry resolved or claimed by another worker.</summary>
        public bool Lost => _lost;

        /// <summary>Stops renewing and waits for a renewal under way, so nothing writes the entry after this.</summary>
        public async Task StopAsync()
        {
            await _beating.CancelAsync();
            await _heartbeat;
        }

        public void Dispose()
        {
            _beating.Cancel();
            // Without StopAsync (the caller cancelled) a renewal may still be under way: the sources go when it is done.
            _heartbeat.ContinueWith(
                _ =>
                {
                    _beating.Dispose();
                    _handler.Dispose();
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private async Task BeatAsync(OutboxDelivery delivery, Claimed entry, TimeSpan every)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(every, _beating.Token);
                    try
                    {
                        if (!await delivery.RenewAsync(entry, _beating.Token))
                        {
                            _lost = true;
                            await _handler.CancelAsync();
                            return;
                        }
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        // The database is away: the lease holds until it runs out; try again at the next beat.
                    }
                }
            }
            catch (OperationCanceledException) when (_beating.IsCancellationRequested)
            {
            }
        }
    }
}
