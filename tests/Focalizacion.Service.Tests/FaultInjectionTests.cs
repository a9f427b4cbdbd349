using System.Diagnostics;
using System.Globalization;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Focalizacion.Service.Tests;

/// <summary>
/// A budget year's mail of all 16 regions through the real service process while it is killed
/// (SIGKILL) in the middle of deliveries, its PostgreSQL server is restarted under it, and the SMTP
/// server answers QUIT late: every email the service records reaches the server exactly once.
/// </summary>
/// <remarks>
/// The year is crossed the way a service lives through it: the process is started at its legal
/// moments (its rehearsal clock, <c>FOCALIZACION_RELOJ</c>, starts there and runs), catches up on
/// what fell due while it was down, delivers, and is stopped. Nobody records a milestone, so every
/// deadline brings its notice and the final one the fallback oficio: 16 oficios de inicio, 16
/// fallback oficios and well over a hundred reminders and notices. The server is this test's own
/// (<see cref="PrivateCluster"/>): restarting the shared one would cut every other test's connections.
/// </remarks>
[NonParallelizable]
public sealed class FaultInjectionTests
{
    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.ExtendedIso;

    // Budget year 2027, cycle 2026, mainland time (−03 in summer, −04 in winter).
    private static readonly (string Moment, string Why)[] Phases =
    [
        ("2026-01-01T00:01:00-03", "the service starts the year's 16 cycles"),
        ("2026-03-02T09:01:00-03", "the oficios de inicio (1 March is a Sunday): killed while one is held"),
        ("2026-07-01T00:01:00-04", "the presupuesto's reminders and overdue notices: PostgreSQL restarted meanwhile"),
        ("2026-11-16T00:01:00-03", "the preliminary's and the montos' reminders, the preliminary's notices: killed while one is held"),
        ("2026-12-31T00:01:00-03", "the montos' and final's notices, the fallback oficios and the survey: QUIT answered late, killed while one is held"),
    ];

    [Test]
    public async Task Every_email_reaches_the_server_once_through_kills_a_database_restart_and_a_late_quit()
    {
        await using var cluster = await PrivateCluster.StartAsync();
        await cluster.CreateDatabaseAsync("fallas");
        var database = cluster.ConnectionString("fallas");
        await using var sink = await SmtpSink.StartNewAsync();
        var environment = new Dictionary<string, string>
        {
            ["FOCALIZACION_SMTP_HOST"] = "127.0.0.1",
            ["FOCALIZACION_SMTP_PUERTO"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            // RFC 5321's minutes scaled to seconds; QUIT (a "comando") gets one.
            ["FOCALIZACION_SMTP_ESPERAS"] = "saludo=10,mail=10,rcpt=10,inicio-datos=10,bloque-datos=10,fin-datos=20,comando=1",
        };
        int kills = 0, restarts = 0;
        string? lateQuit = null;
        foreach (var (moment, why) in Phases)
        {
            var start = Pattern.Parse(moment).Value.ToInstant();
            var held = moment.StartsWith("2026-03", StringComparison.Ordinal) || moment.StartsWith("2026-11", StringComparison.Ordinal) || moment.StartsWith("2026-12", StringComparison.Ordinal);
            if (held)
            {
                // The third message of the phase is held unanswered, and the process dies waiting for it:
                // outside the instant between the server's 250 and the record of it.
                ResetMarker(sink, "retenido");
                sink.HoldFrom(sink.Messages().Count + 2);
                await using (var service = Start(database, environment, start))
                {
                    await sink.HeldAsync();
                    // Every further DATA is held now; the messages the server already took are being
                    // recorded: kill once they are, so no send is between its 250 and its record.
                    await WaitForAsync(() => UnrecordedAsync(database, sink), unrecorded => unrecorded == 0, "the record of what the server took", service);
                } // SIGKILL
                kills++;
                sink.Release();
                // Back after the delivery lease (5 minutes) the dead process held expired.
                start += Duration.FromMinutes(6);
            }
            if (moment.StartsWith("2026-12", StringComparison.Ordinal))
            {
                ResetMarker(sink, "demorado");
                sink.AnswerLate("QUIT", TimeSpan.FromSeconds(3));
            }
            await using (var service = Start(database, environment, start))
            {
                if (moment.StartsWith("2026-07", StringComparison.Ordinal))
                {
                    await WaitForAsync(() => Task.FromResult(sink.Messages().Count), count => count > 0, "a first presupuesto email", service);
                    await cluster.RestartAsync();
                    restarts++;
                }
                if (moment.StartsWith("2026-12", StringComparison.Ordinal))
                {
                    lateQuit = await sink.DelayedAsync();
                    sink.AnswerOnTime();
                }
                await WaitForAsync(() => PendingAsync(database, start), pending => pending == 0, $"{why}: nothing left to send", service);
            }
        }

        var records = await MessageIdsAsync(database);
        var sent = records.Where(r => r.State == "enviado").ToList();
        var received = sink.Messages().GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());
        foreach (var suspect in received.Where(r => r.Value > 1).Select(r => r.Key).Concat(records.Where(r => r.State != "enviado").Select(r => r.MessageId)))
        {
            TestContext.Out.WriteLine(await DescribeAsync(database, suspect));
        }
        TestContext.Out.WriteLine($"{records.Count} emails recorded, {sent.Count} sent ({sent.Count(r => r.Type == "oficio")} oficios), {received.Values.Sum()} received; {kills} kills, {restarts} database restart");
        Assert.Multiple(() =>
        {
            Assert.That(kills, Is.EqualTo(3), "the process was killed in three phases");
            Assert.That(restarts, Is.EqualTo(1), "PostgreSQL was restarted once");
            Assert.That(lateQuit, Is.EqualTo("QUIT"), "the server answered QUIT late once");
            Assert.That(sent.Count(r => r.Type == "oficio"), Is.EqualTo(32), "16 oficios de inicio and 16 fallback oficios");
            Assert.That(sent, Has.Count.GreaterThan(150));
            Assert.That(received.Where(r => r.Value > 1).Select(r => r.Key), Is.Empty, "a Message-ID the server got more than once");
            Assert.That(received.Keys, Is.EquivalentTo(sent.Select(r => r.MessageId)), "the server got exactly what the service records as sent");
            // An email left unsent is one the cycle no longer needed when it came back (its instance
            // ended at the terminate end after the fallback): withdrawn from the outbox, never half-sent.
            Assert.That(records.Where(r => r.State != "enviado" && r.Outbox != "Withdrawn"), Is.Empty, "an email neither sent nor withdrawn");
        });
    }

    private static ServiceProcess Start(string database, Dictionary<string, string> environment, Instant start) =>
        ServiceProcess.Start(database, new Dictionary<string, string>(environment)
        {
            ["FOCALIZACION_RELOJ"] = Pattern.Format(start.WithOffset(Offset.FromHours(-3))),
        });

    private static void ResetMarker(SmtpSink sink, string name) => File.Delete(Path.Combine(sink.Folder, name));

    /// <summary>What is still to do at <paramref name="moment"/>: cycles not started, timers due, emails not delivered; -1 while the schema is not there.</summary>
    private static async Task<long> PendingAsync(string database, Instant moment)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT (16 - (SELECT count(*) FROM workflow_instances))
                     + (SELECT count(*) FROM timers WHERE state = 'Pending' AND due_at <= $1)
                     + (SELECT count(*) FROM outbox WHERE state = 'Pending')
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = moment.ToDateTimeUtc() });
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return -1; // not migrated yet, or the server restarting
        }
    }

    private static async Task<List<(string MessageId, string Type, string State, string Outbox)>> MessageIdsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.message_id, c.tipo, c.estado, o.state FROM correos c JOIN outbox o ON o.idempotency_key = c.idempotency_key", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }
        return rows;
    }

    /// <summary>How many of the messages the server stored the service has not recorded as sent yet.</summary>
    private static async Task<int> UnrecordedAsync(string database, SmtpSink sink)
    {
        var stored = sink.Messages().Select(m => m.MessageId).ToArray();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM correos WHERE message_id = ANY($1) AND estado = 'enviado'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = stored });
        return stored.Length - (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> DescribeAsync(string database, string messageId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT c.region || ' ' || c.tipo || ' ' || c.hito || ' ' || c.estado || ' intentos=' || c.intentos || ' error=' || coalesce(c.ultimo_error, '-')
                || ' creado=' || c.creado_at || ' enviado=' || coalesce(c.enviado_at::text, '-')
                || ' | outbox ' || o.state || ' attempts=' || o.attempts || ' next=' || o.next_attempt_at || ' error=' || coalesce(o.last_error, '-')
                || ' | ' || coalesce((SELECT string_agg(j.at || ' ' || j.kind || ' ' || j.actor || ' ' || left(j.details, 120), E'\n    ' ORDER BY j.id)
                                      FROM journal j WHERE j.instance_id = c.instance_id AND j.activity = o.node_id), '')
            FROM correos c JOIN outbox o ON o.idempotency_key = c.idempotency_key WHERE c.message_id = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        return $"{messageId}: {await command.ExecuteScalarAsync()}";
    }

    /// <summary>Polls (bounded: three minutes) until <paramref name="done"/> holds.</summary>
    private static async Task WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, ServiceProcess service)
    {
        var watch = Stopwatch.StartNew();
        var value = await read();
        while (!done(value))
        {
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromMinutes(3)), () => $"waiting for {what} (last: {value}):\n{service.Output}");
            await Task.Delay(250);
            value = await read();
        }
    }
}
