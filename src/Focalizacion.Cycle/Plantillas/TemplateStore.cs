using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// The templates in force: an admin's edit (table <c>plantillas</c>) wins over the shipped default.
/// Saving validates all three parts first and tries them with realistic data
/// (<see cref="TemplateRenderer.ValidateAsync"/>), so a template that would fail at send time never lands.
/// </summary>
public sealed class TemplateStore(Store store, IClock clock)
{
    /// <summary>The template in force for <paramref name="key"/>; an unknown key is a Spanish <see cref="CycleException"/>.</summary>
    public async Task<MailTemplate> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var batch = store.CreateBatch();
        batch.BatchCommands.Add(GetCommand(key));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, key, cancellationToken);
    }

    /// <summary>The query of <see cref="GetAsync"/>, for a caller that sends it in a batch with others (one round trip).</summary>
    internal static NpgsqlBatchCommand GetCommand(string key) =>
        new("SELECT asunto, html, texto FROM plantillas WHERE clave = $1") { Parameters = { new NpgsqlParameter { Value = key } } };

    /// <summary>The template from <see cref="GetCommand"/>'s result, where <paramref name="reader"/> stands: an admin's edit, else the shipped default.</summary>
    internal static async Task<MailTemplate> ReadAsync(NpgsqlDataReader reader, string key, CancellationToken cancellationToken)
    {
        if (await reader.ReadAsync(cancellationToken))
        {
            return new MailTemplate(key, reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
        return DefaultTemplates.Find(key)
            ?? throw new CycleException($"No existe la plantilla «{key}». Las plantillas disponibles son: {string.Join(", ", TemplateKeys.All)}.");
    }

    /// <summary>
    /// Stores an admin's version of a template. Rejected with a <see cref="CycleException"/> naming
    /// the template, the part and, where there is one, the position when any part does not parse,
    /// goes past a bound of <see cref="TemplateLimits"/> or fails to render with
    /// <see cref="TemplateModel.Sample"/>; nothing changes then.
    /// </summary>
    public async Task SaveAsync(MailTemplate template, Actor editedBy, CancellationToken cancellationToken = default)
    {
        var problems = await TrySaveAsync(template, editedBy, cancellationToken);
        if (problems.Count > 0)
        {
            throw new CycleException(string.Join("\n", problems));
        }
    }

    /// <summary>As <see cref="SaveAsync"/>, with the problems returned instead of thrown (empty: saved).</summary>
    public async Task<IReadOnlyList<TemplateProblem>> TrySaveAsync(MailTemplate template, Actor editedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(editedBy);
        var problems = await TemplateRenderer.ProblemsAsync(template);
        if (problems.Count > 0)
        {
            return problems;
        }
        await using var command = store.CreateCommand(
            "INSERT INTO plantillas (clave, asunto, html, texto, actualizado_at, actualizado_por) VALUES ($1, $2, $3, $4, $5, $6) " +
            "ON CONFLICT (clave) DO UPDATE SET asunto = excluded.asunto, html = excluded.html, texto = excluded.texto, " +
            "actualizado_at = excluded.actualizado_at, actualizado_por = excluded.actualizado_por");
        command.Parameters.Add(new NpgsqlParameter { Value = template.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Html });
        command.Parameters.Add(new NpgsqlParameter { Value = template.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        command.Parameters.Add(new NpgsqlParameter { Value = editedBy.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return [];
    }

    /// <summary>The templates an admin edited: key → when and by whom (the others are the shipped defaults).</summary>
    public async Task<IReadOnlyDictionary<string, (Instant At, string By)>> EditsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand("SELECT clave, actualizado_at, actualizado_por FROM plantillas");
        var edits = new Dictionary<string, (Instant, string)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            edits[reader.GetString(0)] = (reader.GetFieldValue<Instant>(1), reader.GetString(2));
        }
        return edits;
    }

    /// <summary>Drops an admin's edit, so the shipped default is in force again.</summary>
    public async Task RevertAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand("DELETE FROM plantillas WHERE clave = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
