using Focalizacion.Calendar;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Cycle.Oficios;

/// <summary>
/// Hands out oficio numbers: one gap-free series per issuing office and calendar year of issue.
/// </summary>
/// <remarks>
/// Everything happens in one transaction keyed by the outbox idempotency key, and the oficio is
/// written (its template rendered with the number) inside it: a retry finds the number its first
/// attempt committed, and a crash, or an oficio that cannot be written, before the commit leaves
/// neither the series bump nor the oficio row, so a number is never skipped or handed out twice.
/// Concurrent callers serialize on the series row through <c>ON CONFLICT DO UPDATE</c>'s row lock.
/// </remarks>
public sealed class OficioNumbering(Store store)
{
    /// <summary>
    /// The number for <paramref name="key"/> (the one already assigned, or the next in the series)
    /// and what <paramref name="issue"/> made with it; a new number is committed only if
    /// <paramref name="issue"/> succeeds, and an exception from it is rethrown with nothing kept.
    /// </summary>
    /// <remarks>
    /// <paramref name="issue"/> runs while the transaction holds the series row's lock, so every
    /// other oficio of the series waits for it: it must be quick (render the text) and must not
    /// use the database.
    /// </remarks>
    /// <param name="key">The idempotency key of the email task issuing the oficio.</param>
    /// <param name="issuer">The series code (<see cref="OficioIssuer.Code"/>).</param>
    /// <param name="region">The region the oficio is about, for the record (null for a national one).</param>
    /// <param name="milestone">The cycle milestone it belongs to.</param>
    /// <param name="issuedAt">When it is issued; its mainland Chilean year picks the series.</param>
    /// <param name="issue">Writes the oficio with its number (renders its template).</param>
    /// <param name="cancellationToken">Cancels the whole transaction.</param>
    public async Task<(OficioNumber Number, T Issued)> AssignAsync<T>(
        string key, string issuer, string? region, string milestone, Instant issuedAt, Func<OficioNumber, Task<T>> issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var year = issuedAt.InZone(ChileanTime.Mainland).Year;
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ExistingAsync(connection, transaction, key, cancellationToken) is { } existing)
        {
            return (existing, await issue(existing));
        }
        await using (var bump = new NpgsqlCommand(
            "INSERT INTO oficio_series (emisor, anio, ultimo) VALUES ($1, $2, 1) " +
            "ON CONFLICT (emisor, anio) DO UPDATE SET ultimo = oficio_series.ultimo + 1 RETURNING ultimo", connection, transaction))
        {
            bump.Parameters.Add(new NpgsqlParameter { Value = issuer });
            bump.Parameters.Add(new NpgsqlParameter { Value = year });
            var number = new OficioNumber((int)(await bump.ExecuteScalarAsync(cancellationToken))!, year);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO oficios (emisor, anio, numero, idempotency_key, region, hito, emitido_at) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
                "ON CONFLICT (idempotency_key) DO NOTHING", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = issuer });
            insert.Parameters.Add(new NpgsqlParameter { Value = year });
            insert.Parameters.Add(new NpgsqlParameter { Value = number.Number });
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)region ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = milestone });
            insert.Parameters.Add(new NpgsqlParameter { Value = issuedAt });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Two attempts with the same key raced and the other committed first: drop our bump
                // (the rollback keeps the series gap-free) and use its number.
                await transaction.RollbackAsync(cancellationToken);
                var other = await ExistingAsync(connection, null, key, cancellationToken)
                    ?? throw new InvalidOperationException($"Oficio for key {key} vanished after a conflict.");
                return (other, await issue(other));
            }
            // Should this throw, the transaction is disposed uncommitted: the bump and the row roll back.
            var issued = await issue(number);
            await transaction.CommitAsync(cancellationToken);
            return (number, issued);
        }
    }

    /// <summary>
    /// The query for when the oficio of <paramref name="key"/> was issued, if it already has its
    /// number: a retried send dates the letter (and its PDF) as the first attempt did, not on the
    /// day of the retry. Sent in a batch with the caller's other reads (one round trip).
    /// </summary>
    internal static NpgsqlBatchCommand IssuedAtCommand(string key) =>
        new("SELECT emitido_at FROM oficios WHERE idempotency_key = $1") { Parameters = { new NpgsqlParameter { Value = key } } };

    /// <summary>When the oficio was numbered, from <see cref="IssuedAtCommand"/>'s result where <paramref name="reader"/> stands; null before.</summary>
    internal static async Task<Instant?> ReadIssuedAtAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<Instant>(0) : null;

    private static async Task<OficioNumber?> ExistingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand("SELECT numero, anio FROM oficios WHERE idempotency_key = $1", connection, transaction);
        find.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new OficioNumber(reader.GetInt32(0), reader.GetInt32(1)) : null;
    }
}
