using System.Text.Json;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Estado;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// Reads and writes the cycle's records: the emails sent (<c>correos</c>) and the outcomes
/// (<c>focalizaciones</c>). Used by the handlers, the simulation's timeline and the tests.
/// </summary>
public sealed class CycleRecords(Store store)
{
    /// <summary>The emails, oldest first; optionally only one region's (ISO suffix) and budget year's.</summary>
    public Task<IReadOnlyList<MailRecord>> MailsAsync(string? region = null, int? budgetYear = null, CancellationToken cancellationToken = default) =>
        ReadMailsAsync(region, budgetYear, null, cancellationToken);

    /// <summary>As <see cref="MailsAsync"/>, only the oficios (<see cref="MailTypes.Oficio"/>): what a cycle's standing needs, without its reminders and notices.</summary>
    public Task<IReadOnlyList<MailRecord>> OficiosAsync(string? region = null, int? budgetYear = null, CancellationToken cancellationToken = default) =>
        ReadMailsAsync(region, budgetYear, MailTypes.Oficio, cancellationToken);

    /// <summary>
    /// What a cycle's standing reads of these records for a budget year (optionally only one region's, ISO suffix), in
    /// one round trip: its oficios, oldest first, as a standing shows them (without their text and recipients, which
    /// a standing does not show and which were most of what the list of every region's cycle read and decoded per
    /// request), and the outcomes (as <see cref="OutcomesAsync"/>).
    /// </summary>
    public async Task<(IReadOnlyList<OficioStanding> Oficios, IReadOnlyList<OutcomeRecord> Outcomes)> StandingRecordsAsync(
        string? region, int budgetYear, CancellationToken cancellationToken = default)
    {
        await using var batch = store.CreateBatch();
        AddStandingRecords(batch, region, budgetYear);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadStandingRecordsAsync(reader, cancellationToken);
    }

    /// <summary>
    /// The two statements of <see cref="StandingRecordsAsync"/>, added to <paramref name="batch"/> for a reader that
    /// sends its own in the same round trip; <see cref="ReadStandingRecordsAsync"/> reads their results.
    /// </summary>
    public static void AddStandingRecords(NpgsqlBatch batch, string? region, int budgetYear)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var oficiosCommand = new NpgsqlBatchCommand();
        oficiosCommand.CommandText = "SELECT region, hito, numero_oficio, anio_oficio, estado, enviado_at, asunto FROM correos " +
            Filters(oficiosCommand.Parameters, ("region", region), ("anio_presupuestario", budgetYear), ("tipo", MailTypes.Oficio)) + " ORDER BY creado_at, id";
        batch.BatchCommands.Add(oficiosCommand);
        var outcomesCommand = new NpgsqlBatchCommand();
        outcomesCommand.CommandText = OutcomesSql(outcomesCommand.Parameters, region, budgetYear);
        batch.BatchCommands.Add(outcomesCommand);
    }

    /// <summary>The results of <see cref="AddStandingRecords"/>'s statements, <paramref name="reader"/> at the first; it is left on the second.</summary>
    public static async Task<(IReadOnlyList<OficioStanding> Oficios, IReadOnlyList<OutcomeRecord> Outcomes)> ReadStandingRecordsAsync(
        NpgsqlDataReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var oficios = new List<OficioStanding>();
        while (await reader.ReadAsync(cancellationToken))
        {
            oficios.Add(new OficioStanding(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<Instant>(5), reader.GetString(6)));
        }
        await reader.NextResultAsync(cancellationToken);
        return (oficios, await ReadOutcomesAsync(reader, cancellationToken));
    }

    private async Task<IReadOnlyList<MailRecord>> ReadMailsAsync(string? region, int? budgetYear, string? type, CancellationToken cancellationToken)
    {
        await using var command = store.CreateCommand("");
        command.CommandText =
            "SELECT c.idempotency_key, c.instance_id, c.region, c.anio_presupuestario, c.tipo, c.hito, c.plantilla, c.emisor, c.numero_oficio, c.anio_oficio, " +
            "c.destinatarios::text, c.asunto, c.message_id, c.estado, c.intentos, c.ultimo_error, c.respuesta_servidor, c.creado_at, c.enviado_at, c.texto, " +
            "o.documento_id, o.docdigital_folio, o.docdigital_numero, o.focalizacion_version_id FROM correos c LEFT JOIN oficios o ON o.idempotency_key = c.idempotency_key " +
            Filters(command.Parameters, ("c.region", region), ("c.anio_presupuestario", budgetYear), ("c.tipo", type)) + " ORDER BY c.creado_at, c.id";
        var mails = new List<MailRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            mails.Add(new MailRecord(
                reader.GetString(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), NullableString(reader, 7), reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetInt32(9),
                ParseRecipients(reader.GetString(10)), reader.GetString(11), reader.GetString(12), reader.GetString(13), reader.GetInt32(14),
                NullableString(reader, 15), NullableString(reader, 16), reader.GetFieldValue<Instant>(17),
                reader.IsDBNull(18) ? null : reader.GetFieldValue<Instant>(18))
            {
                Text = NullableString(reader, 19),
                DocumentId = reader.IsDBNull(20) ? null : reader.GetInt64(20),
                DocDigitalFolio = NullableString(reader, 21),
                DocDigitalNumber = NullableString(reader, 22),
                AppliedVersionId = reader.IsDBNull(23) ? null : reader.GetInt64(23),
            });
        }
        return mails;
    }

    /// <summary>The recorded outcomes, oldest budget year first; optionally only one region's, only one budget year's.</summary>
    public async Task<IReadOnlyList<OutcomeRecord>> OutcomesAsync(string? region = null, int? budgetYear = null, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand("");
        command.CommandText = OutcomesSql(command.Parameters, region, budgetYear);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadOutcomesAsync(reader, cancellationToken);
    }

    private static string OutcomesSql(NpgsqlParameterCollection parameters, string? region, int? budgetYear) =>
        "SELECT region, anio_presupuestario, resultado, registrado_at, idempotency_key, instance_id, origen, version_id FROM focalizaciones " +
        Filters(parameters, ("region", region), ("anio_presupuestario", budgetYear)) + " ORDER BY anio_presupuestario, registrado_at, id";

    /// <summary>
    /// The <c>WHERE</c> clause of the filters given (each <c>column = $n</c>, its value added to
    /// <paramref name="parameters"/>); a null filter is left out of the statement, not sent as
    /// <c>($n IS NULL OR column = $n)</c>.
    /// </summary>
    /// <remarks>
    /// Each combination of filters is its own statement, so its prepared plan (<see cref="Store"/>
    /// prepares the statements it repeats) is the indexed one for any values. With the
    /// <c>IS NULL OR</c> form, a generic plan cannot use the region's index: PostgreSQL planned
    /// every execution again (custom plans), or settled on a plan scanning every email of every
    /// region (the read of one region's emails for <c>GET /api/v1/ciclos/{anio}/{region}</c>).
    /// </remarks>
    private static string Filters(NpgsqlParameterCollection parameters, params ReadOnlySpan<(string Column, object? Value)> filters)
    {
        var conditions = new List<string>(filters.Length);
        foreach (var (column, value) in filters)
        {
            if (value is not null)
            {
                parameters.Add(new NpgsqlParameter { Value = value });
                conditions.Add($"{column} = ${parameters.Count}");
            }
        }
        return conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
    }

    private static async Task<IReadOnlyList<OutcomeRecord>> ReadOutcomesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var outcomes = new List<OutcomeRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes.Add(new OutcomeRecord(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<Instant>(3),
                NullableString(reader, 4), reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetString(6))
            {
                VersionId = reader.IsDBNull(7) ? null : reader.GetInt64(7),
            });
        }
        return outcomes;
    }

    /// <summary>Records an outcome outside any workflow (a previous year's, for seeding or simulation).</summary>
    public Task RecordOutcomeAsync(string region, int budgetYear, string outcome, Instant recordedAt, string origin, CancellationToken cancellationToken = default) =>
        InsertOutcomeAsync(region, budgetYear, outcome, recordedAt, origin, null, null, cancellationToken);

    /// <summary>
    /// The focalización version that applies to a region's budget year by its recorded outcome (for
    /// the fallback, the previous year's final), with its archived workbook; null when none does.
    /// </summary>
    public async Task<AppliedFocalizacion?> AppliedFocalizacionAsync(string region, int budgetYear, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand(
            "SELECT v.version, v.anio_presupuestario, v.enviada_at, d.nombre, d.media_type, d.sha256, d.contenido, v.id " +
            "FROM focalizaciones f JOIN focalizacion_versiones v ON v.id = f.version_id LEFT JOIN documentos d ON d.id = v.planilla_id " +
            "WHERE f.region = $1 AND f.anio_presupuestario = $2 ORDER BY f.id DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = region });
        command.Parameters.Add(new NpgsqlParameter { Value = budgetYear });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var workbook = reader.IsDBNull(3) ? null : new MailAttachment(reader.GetString(3), reader.GetString(4), reader.GetFieldValue<byte[]>(6));
        return new AppliedFocalizacion(reader.GetInt64(7), reader.GetInt32(0), reader.GetInt32(1), reader.GetFieldValue<Instant>(2),
            workbook, reader.IsDBNull(5) ? null : Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(5)));
    }

    /// <summary>Records on the oficio of <paramref name="key"/> the focalización version it states and attaches (<see cref="AppliedFocalizacionAsync"/>); again the same is harmless.</summary>
    public async Task LinkAppliedAsync(string key, long versionId, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand("UPDATE oficios SET focalizacion_version_id = $2 WHERE idempotency_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = versionId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether the region has a focalización in force for <paramref name="budgetYear"/>: its own final, or one carried over.</summary>
    public async Task<bool> HasFocalizacionAsync(string region, int budgetYear, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM focalizaciones WHERE region = $1 AND anio_presupuestario = $2 AND resultado IN ($3, $4))");
        command.Parameters.Add(new NpgsqlParameter { Value = region });
        command.Parameters.Add(new NpgsqlParameter { Value = budgetYear });
        command.Parameters.Add(new NpgsqlParameter { Value = CycleOutcomes.Final });
        command.Parameters.Add(new NpgsqlParameter { Value = CycleOutcomes.Previous });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Inserts an outcome; with an idempotency key, a second insert for the same key does nothing. It
    /// names the focalización version that applies: <paramref name="version"/> for a final (when it is
    /// one of the region's versions of that year); for the previous year's, the version that applied then.
    /// </summary>
    internal async Task InsertOutcomeAsync(string region, int budgetYear, string outcome, Instant recordedAt, string origin, string? key, Guid? instanceId, CancellationToken cancellationToken, long? version = null)
    {
        if (!CycleOutcomes.All.Contains(outcome))
        {
            throw new CycleException($"Resultado de focalización desconocido «{outcome}»: debe ser {string.Join(", ", CycleOutcomes.All.Select(o => $"«{o}»"))}.");
        }
        await using var command = store.CreateCommand(
            "INSERT INTO focalizaciones (region, anio_presupuestario, resultado, registrado_at, idempotency_key, instance_id, origen, version_id) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce((SELECT v.id FROM focalizacion_versiones v WHERE v.id = $8 AND v.region = $1 AND v.anio_presupuestario = $2), CASE WHEN $3 = $9 THEN (SELECT p.version_id FROM focalizaciones p " +
            "WHERE p.region = $1 AND p.anio_presupuestario = $2 - 1 AND p.version_id IS NOT NULL ORDER BY p.id DESC LIMIT 1) END)) " +
            "ON CONFLICT (idempotency_key) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = region });
        command.Parameters.Add(new NpgsqlParameter { Value = budgetYear });
        command.Parameters.Add(new NpgsqlParameter { Value = outcome });
        command.Parameters.Add(new NpgsqlParameter { Value = recordedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)key ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)instanceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = origin });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = CycleOutcomes.Previous });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static string RecipientsJson(IReadOnlyList<Recipient> recipients) =>
        JsonSerializer.Serialize(recipients.Select(r => new StoredRecipient(r.Role, r.Name, r.Position, r.Address)));

    private static List<Recipient> ParseRecipients(string json) =>
        (JsonSerializer.Deserialize<List<StoredRecipient>>(json) ?? []).Select(r => new Recipient(r.Role, r.Name, r.Position ?? "", r.Address)).ToList();

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The jsonb shape of <c>correos.destinatarios</c>: role, name, address (and the post, for the letter's record).</summary>
    private sealed record StoredRecipient(
        [property: System.Text.Json.Serialization.JsonPropertyName("role")] string Role,
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name,
        [property: System.Text.Json.Serialization.JsonPropertyName("position")] string? Position,
        [property: System.Text.Json.Serialization.JsonPropertyName("address")] string Address);
}
