using System.Globalization;
using Focalizacion.Calendar;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Focalizacion.Cycle.Estado;

/// <summary>
/// Whether the cycle's mail is going out: the emails still waiting for the server to take them,
/// the oldest of them, how many are failing and the last error, with a Spanish line that says it.
/// Read by the service's health check <c>correo</c>; shaped for an API and the operators' board.
/// </summary>
/// <param name="Degraded">
/// Some email is failing (its last attempt failed, or it became an incident), or one has waited
/// longer than <paramref name="AlertAfter"/>.
/// </param>
/// <param name="Pending">Emails waiting to be taken by the server (a suspended cycle's are not counted: they wait on purpose).</param>
/// <param name="Failing">Of those, the ones whose last attempt failed.</param>
/// <param name="Incidents">Emails that stopped trying and wait for an operator (<c>focalizacion incidente</c>).</param>
/// <param name="Oldest">The email waiting longest, if any.</param>
/// <param name="LastFailure">The most recent failure among the emails still waiting, if any.</param>
/// <param name="AlertAfter">How long an email may wait before the mail is degraded.</param>
/// <param name="ReadAt">The clock reading the ages are counted to.</param>
public sealed record MailStatus(
    bool Degraded, int Pending, int Failing, int Incidents, WaitingMail? Oldest, MailFailure? LastFailure, Duration AlertAfter, Instant ReadAt)
{
    private static readonly LocalDateTimePattern Moment = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");

    /// <summary>One Spanish line for operators: all is well, or what is failing, since when, and the last error.</summary>
    public string Detail => Degraded ? DegradedDetail() : HealthyDetail();

    /// <summary>Reads the status of every email of the cycle that has not gone out.</summary>
    public static async Task<MailStatus> ReadAsync(Store store, IClock clock, Duration alertAfter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        await using var command = store.CreateCommand(
            $"""
            SELECT o.state, o.created_at, o.attempts, o.last_error, o.last_error_at, o.node_id,
                coalesce(c.region, o.payload->'variables'->>'region'), c.asunto
            FROM outbox o
            JOIN workflow_instances i ON i.id = o.instance_id
            LEFT JOIN correos c ON c.idempotency_key = o.idempotency_key
            WHERE o.handler = $1
                AND (o.state = '{nameof(OutboxState.Incident)}' OR (o.state = '{nameof(OutboxState.Pending)}' AND i.status <> '{nameof(InstanceStatus.Suspended)}'))
            ORDER BY o.created_at, o.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = EnviarCorreoHandler.HandlerName });
        var now = clock.GetCurrentInstant();
        int pending = 0, failing = 0, incidents = 0;
        WaitingMail? oldest = null;
        MailFailure? last = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var mail = new WaitingMail(reader.GetFieldValue<Instant>(1), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(5), reader.GetInt32(2));
            var incident = reader.GetString(0) == nameof(OutboxState.Incident);
            if (incident)
            {
                incidents++;
            }
            else
            {
                pending++;
                oldest ??= mail;
            }
            if (!reader.IsDBNull(3))
            {
                failing += incident ? 0 : 1;
                Instant? at = reader.IsDBNull(4) ? null : reader.GetFieldValue<Instant>(4);
                if (last is null || (at is { } time && (last.At is null || time > last.At)))
                {
                    last = new MailFailure(at, reader.GetString(3), mail);
                }
            }
        }
        var degraded = failing > 0 || incidents > 0 || (oldest is not null && now - oldest.Since > alertAfter);
        return new MailStatus(degraded, pending, failing, incidents, oldest, last, alertAfter, now);
    }

    private string HealthyDetail() => Oldest is null
        ? "El correo sale al día: no hay mensajes pendientes"
        : $"El correo sale al día: {Count(Pending, "mensaje pendiente", "mensajes pendientes")}, el más antiguo desde hace {Age(Oldest.Since)}";

    private string DegradedDetail()
    {
        var parts = new List<string>();
        if (Failing > 0)
        {
            parts.Add(Count(Failing, "mensaje cuyo último intento falló", "mensajes cuyo último intento falló"));
        }
        if (Incidents > 0)
        {
            parts.Add(Count(Incidents, "mensaje que dejó de intentarse y espera a un operador", "mensajes que dejaron de intentarse y esperan a un operador"));
        }
        if (Oldest is not null && Failing == 0 && Incidents == 0)
        {
            parts.Add($"un mensaje espera hace más de {Age(ReadAt - AlertAfter)}");
        }
        var text = "El correo no está saliendo: " + string.Join("; ", parts);
        if (Oldest is not null)
        {
            text += $". {Count(Pending, "mensaje pendiente", "mensajes pendientes")}; el más antiguo, {Oldest.Describe()}, espera desde el {Local(Oldest.Since)} (hace {Age(Oldest.Since)})";
        }
        if (LastFailure is not null)
        {
            text += $". Último error{(LastFailure.At is { } at ? $" (hace {Age(at)})" : "")}: {Spanish.Quote(LastFailure.Error)}";
        }
        return text;
    }

    private static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    private static string Local(Instant instant) => Moment.Format(instant.InZone(ChileanTime.Mainland).LocalDateTime);

    /// <summary>"2 min", "3 h 5 min", "4 días": how long ago, to the minute.</summary>
    private string Age(Instant since)
    {
        var minutes = (long)Math.Max(0, Math.Floor((ReadAt - since).TotalMinutes));
        return minutes switch
        {
            < 60 => $"{minutes} min",
            < 48 * 60 => minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min",
            _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / (24 * 60)} días"),
        };
    }
}

/// <summary>An email waiting for the server: since when, for which region, its subject once rendered, the task, attempts so far.</summary>
public sealed record WaitingMail(Instant Since, string? Region, string? Subject, string NodeId, int Attempts)
{
    /// <summary>"«Oficio N° 1/2026: …» (NB)", or the task's id before the email was rendered.</summary>
    public string Describe() =>
        (Subject is null ? $"la tarea «{NodeId}»" : Spanish.Quote(Subject)) + (Region is null ? "" : $" ({Region})");
}

/// <summary>A failed attempt: when (unknown for failures recorded before the time was kept), the error, and the email.</summary>
public sealed record MailFailure(Instant? At, string Error, WaitingMail Mail);
