using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Oficios;
using Focalizacion.Cycle.Plan;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime.Handlers;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// "enviar-correo": sends an oficio, reminder or notice. Settings: <c>tipo</c> (oficio |
/// recordatorio | aviso), <c>hito</c>, <c>plantilla</c>, <c>destinatarios</c> (roles), <c>emisor</c>
/// (oficios: gerencia-general | direccion-regional) and optionally <c>plazo</c> (the Decreto 246
/// milestone whose deadline the text shows; by default the hito, when it is one).
/// </summary>
/// <remarks>
/// Once per idempotency key: the <c>correos</c> row for the key says whether it was sent, the
/// oficio number is bound to the key, and the Message-ID is derived from it. The row says
/// 'enviado' as soon as the server answered 250 to the data, before the connection is closed, and
/// that write waits out a database restart (<see cref="BookkeepingRetry"/>). Only a crash, or a
/// database down for longer, between that 250 and the commit resends the same message (same
/// Message-ID), which receiving servers and clients treat as one. An oficio carries its PDF
/// (<see cref="OficioPdf"/>), archived once per oficio (<see cref="OficioDocuments"/>): a retry
/// attaches the archived bytes, and the letter is dated when its number was handed out.
/// </remarks>
public sealed class EnviarCorreoHandler(Store store, IClock clock, HolidayCalendar calendar, MailSettings mail, IMailTransport transport) : IEffectHandler
{
    private readonly OficioNumbering _numbering = new(store);
    private readonly OficioDocuments _documents = new(store, clock, mail.PdfFonts);
    private readonly CycleRecords _records = new(store);

    /// <summary>The name BPMN service tasks give this handler (<c>foc:handler</c>) and the outbox keeps.</summary>
    public const string HandlerName = "enviar-correo";

    public string Name => HandlerName;

    public IReadOnlyList<SettingSpec> Settings => EmailSettings.All;

    public async Task<JsonObject?> HandleAsync(EffectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = Setting(request, EmailSettings.Type);
        if (!MailTypes.All.Contains(type))
        {
            throw new CycleException($"foc:tipo «{type}» no es válido: debe ser «oficio», «recordatorio» o «aviso».");
        }
        var milestone = Setting(request, EmailSettings.Milestone);
        // A plazo the version names is a milestone too (import accepts it as a hito), described as the plan describes it.
        var description = CycleMilestones.Describe(milestone)
            ?? (CyclePlan.Of(request.Definition).Milestone(milestone) is { } named ? (named.Description, named.Owner, named.Name) : ((string, string, string)?)null)
            ?? throw new CycleException($"foc:hito «{milestone}» no es un hito del ciclo ({string.Join(", ", CycleMilestones.Keys)}).");
        var variables = CycleVariables.From(request.Variables);
        var region = variables.Region;
        var (sent, lookup) = await ReadAsync(request, type, region.IsoSuffix, cancellationToken);
        if (sent is not null)
        {
            return Outputs(type, milestone, sent);
        }
        var (recipients, template, numberedAt) = lookup!;
        var now = clock.GetCurrentInstant();
        // An oficio is dated when it was numbered: a retry on another day writes the same letter.
        var issuedAt = numberedAt ?? now;
        var model = new TemplateModel(region.Name, region.OfficialName, region.IsoSuffix, region.Seat, variables.BudgetYear, issuedAt.InZone(region.Zone).Date, recipients)
        {
            Deadline = Deadline(request, milestone, variables),
            MilestoneKey = milestone,
            MilestoneDescription = description.Description,
            MilestoneOwner = description.Owner,
            Amounts = variables.Amounts,
            Observations = variables.Observations,
        };
        // The oficio that follows the fallback states, and attaches, the focalización that applies.
        var applied = type == MailTypes.Oficio && request.Variables[RegistrarResultadoHandler.OutputName] is JsonValue outcome
            && outcome.GetValueKind() == System.Text.Json.JsonValueKind.String && outcome.GetValue<string>() == CycleOutcomes.Previous
            ? await _records.AppliedFocalizacionAsync(region.IsoSuffix, variables.BudgetYear, cancellationToken)
            : null;
        model = model with { Applied = applied?.Summary(region.Zone) };
        OficioNumber? oficio = null;
        string? issuer = null;
        RenderedMail rendered;
        if (type == MailTypes.Oficio)
        {
            // Every cycle oficio comes from Sercotec central unless the task says otherwise (Reglamento §4).
            var code = OficioIssuer.Code(request.Settings.GetValueOrDefault(EmailSettings.Issuer.Name)?.Trim() ?? OficioIssuer.GerenciaGeneral, region);
            issuer = code;
            // Rendered inside the numbering transaction: a template that cannot render consumes no number.
            (oficio, rendered) = await _numbering.AssignAsync(request.Key, code, region.IsoSuffix, milestone, issuedAt,
                number => TemplateRenderer.RenderAsync(template, model with { Oficio = (number.Number, number.Year, OficioIssuer.DisplayName(code)) }),
                cancellationToken);
        }
        else
        {
            rendered = await TemplateRenderer.RenderAsync(template, model);
        }

        var attachments = new List<MailAttachment>();
        if (oficio is not null && applied is not null)
        {
            await _records.LinkAppliedAsync(request.Key, applied.VersionId, cancellationToken);
        }
        if (oficio is not null)
        {
            var letter = new OficioLetter(oficio, OficioIssuer.DisplayName(issuer!), issuedAt, rendered.Text);
            var (document, bytes) = await _documents.ArchiveAsync(request.Key, region.IsoSuffix, variables.BudgetYear, letter, cancellationToken);
            attachments.Add(new MailAttachment(document.Name, document.MediaType, bytes));
        }
        if (applied?.Workbook is { } workbook)
        {
            attachments.Add(workbook);
        }

        var messageId = MessageIds.For(request.Key);
        var (state, createdAt) = await UpsertPendingAsync(request, variables, type, milestone, issuer, oficio, recipients, rendered, messageId, now, cancellationToken);
        if (state == MailStates.Sent)
        {
            return Outputs(type, milestone, oficio);
        }
        var accepted = false;
        try
        {
            // The Date header is the first attempt's, so every retry sends byte-for-byte the same headers.
            await transport.SendAsync(MailComposer.Compose(mail, request.Key, recipients, rendered, createdAt, attachments), reply =>
            {
                accepted = true;
                return MarkSentAsync(request.Key, reply);
            }, cancellationToken);
        }
        catch (Exception exception) when (!accepted)
        {
            await RecordErrorAsync(request.Key, exception.Message);
            throw;
        }
        return Outputs(type, milestone, oficio);
    }

    private static string Setting(EffectRequest request, SettingSpec spec) =>
        request.Settings.TryGetValue(spec.Name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : throw new CycleException($"La tarea «{request.NodeId}» no indica foc:{spec.Name}.");

    private static JsonObject? Outputs(string type, string milestone, OficioNumber? oficio) =>
        type == MailTypes.Oficio && oficio is not null ? new JsonObject { [$"oficio_{milestone.Replace('-', '_')}"] = oficio.Number } : null;

    /// <summary>
    /// The deadline the text shows: the named plazo foc:plazo, else the hito's, of the definition
    /// version the instance is pinned to; none when that version names no such plazo or its event
    /// is not recorded yet.
    /// </summary>
    private LocalDate? Deadline(EffectRequest request, string milestone, CycleVariables variables)
    {
        var key = request.Settings.TryGetValue(EmailSettings.Plazo.Name, out var plazo) && !string.IsNullOrWhiteSpace(plazo) ? plazo.Trim() : milestone;
        var plan = CyclePlan.Of(request.Definition);
        return plan.Deadline(key, calendar.BusinessDays(variables.Region), variables.BudgetYear, variables.Events)?.Plazo.Date;
    }

    /// <summary>
    /// What the send needs from the database, in one round trip: whether the key was already sent
    /// (then nothing else is looked at: the directory or the template may have changed since), the
    /// recipients, the template in force and, for an oficio, when it was numbered.
    /// </summary>
    private async Task<(OficioNumber? Sent, Lookup? Found)> ReadAsync(
        EffectRequest request, string type, string region, CancellationToken cancellationToken)
    {
        var roles = SettingSpec.Values(Setting(request, EmailSettings.Recipients));
        var templateKey = Setting(request, EmailSettings.Template);
        await using var batch = store.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT estado, numero_oficio, anio_oficio FROM correos WHERE idempotency_key = $1")
        {
            Parameters = { new NpgsqlParameter { Value = request.Key } },
        });
        batch.BatchCommands.Add(RecipientDirectory.ResolveCommand(roles, region));
        batch.BatchCommands.Add(TemplateStore.GetCommand(templateKey));
        if (type == MailTypes.Oficio)
        {
            batch.BatchCommands.Add(OficioNumbering.IssuedAtCommand(request.Key));
        }
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken) && reader.GetString(0) == MailStates.Sent)
        {
            // A sent non-oficio has no number; the sentinel only tells the caller "already sent".
            return (reader.IsDBNull(1) ? new OficioNumber(0, 0) : new OficioNumber(reader.GetInt32(1), reader.GetInt32(2)), null);
        }
        await reader.NextResultAsync(cancellationToken);
        var recipients = await RecipientDirectory.ReadResolvedAsync(reader, region, roles, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var template = await TemplateStore.ReadAsync(reader, templateKey, cancellationToken);
        var numberedAt = type == MailTypes.Oficio && await reader.NextResultAsync(cancellationToken)
            ? await OficioNumbering.ReadIssuedAtAsync(reader, cancellationToken)
            : null;
        return (null, new Lookup(recipients, template, numberedAt));
    }

    /// <summary>What an unsent message is written from: its recipients, its template, and when its oficio was numbered (null before).</summary>
    private sealed record Lookup(IReadOnlyList<Recipient> Recipients, MailTemplate Template, Instant? NumberedAt);

    private async Task<(string State, Instant CreatedAt)> UpsertPendingAsync(
        EffectRequest request, CycleVariables variables, string type, string milestone, string? issuer, OficioNumber? oficio,
        IReadOnlyList<Recipient> recipients, RenderedMail rendered, string messageId, Instant now, CancellationToken cancellationToken)
    {
        await using var command = store.CreateCommand(
            "INSERT INTO correos (idempotency_key, instance_id, region, anio_presupuestario, tipo, hito, plantilla, emisor, numero_oficio, anio_oficio, " +
            $"destinatarios, asunto, message_id, estado, intentos, creado_at, texto) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, '{MailStates.Pending}', 1, $14, $15) " +
            "ON CONFLICT (idempotency_key) DO UPDATE SET intentos = correos.intentos + 1, destinatarios = excluded.destinatarios, asunto = excluded.asunto, texto = excluded.texto " +
            "RETURNING estado, creado_at");
        command.Parameters.Add(new NpgsqlParameter { Value = request.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = request.InstanceId });
        command.Parameters.Add(new NpgsqlParameter { Value = variables.Region.IsoSuffix });
        command.Parameters.Add(new NpgsqlParameter { Value = variables.BudgetYear });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = milestone });
        command.Parameters.Add(new NpgsqlParameter { Value = Setting(request, EmailSettings.Template) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)issuer ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)oficio?.Number ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)oficio?.Year ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = CycleRecords.RecipientsJson(recipients), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = rendered.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = rendered.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetString(0), reader.GetFieldValue<Instant>(1));
    }

    /// <summary>
    /// Records why the send failed. The database may be what is failing: the write is retried like
    /// the record of a send, and if it still cannot land the send's own error is what the caller
    /// sees, not the database's.
    /// </summary>
    private async Task RecordErrorAsync(string key, string error)
    {
        try
        {
            await BookkeepingRetry.Default.RunAsync(async () =>
            {
                await using var command = store.CreateCommand("UPDATE correos SET ultimo_error = $2 WHERE idempotency_key = $1");
                command.Parameters.Add(new NpgsqlParameter { Value = key });
                command.Parameters.Add(new NpgsqlParameter { Value = error });
                // The send already failed; recording it must not be cancelled halfway and hide the cause.
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            });
        }
        catch (NpgsqlException)
        {
            // The outbox records the failure too, with the send's error; the row says 'pendiente' either way.
        }
    }

    /// <summary>
    /// Records that the server took the message, before the connection is closed. A database that
    /// is down at that moment is waited for (<see cref="BookkeepingRetry"/>): giving up would leave the
    /// row 'pendiente' and the message would be sent again.
    /// </summary>
    private Task MarkSentAsync(string key, string reply) => BookkeepingRetry.Default.RunAsync(async () =>
    {
        await using var command = store.CreateCommand(
            $"UPDATE correos SET estado = '{MailStates.Sent}', enviado_at = $2, respuesta_servidor = $3, ultimo_error = NULL WHERE idempotency_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        command.Parameters.Add(new NpgsqlParameter { Value = reply });
        // Once the message left, the record of it must land even if the caller gives up now.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    });
}
