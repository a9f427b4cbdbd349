using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Testing;
using NodaTime;

namespace Focalizacion.Cycle.Tests.FullYear;

/// <summary>
/// A whole cycle year in which the SMTP server is down for days around the preliminary
/// focalización's deadline: everything due meanwhile waits, goes out once the server is back, and
/// the year sends exactly what it sends without the outage.
/// </summary>
public sealed class SmtpOutageTests
{
    // Friday 13 November 2026 00:00 to Monday 16 November 12:00, mainland time: the last reminders of
    // the 15 November deadline, Ñuble's preliminary (14 November) and the observaciones reminder it
    // starts, Magallanes' overdue notice. Three and a half days: within CycleRuntime.Options' retries.
    private static readonly Instant OutageStart = Instant.FromUtc(2026, 11, 13, 3, 0);
    private static readonly Instant OutageEnd = Instant.FromUtc(2026, 11, 16, 15, 0);

    [Test]
    public async Task Mail_due_while_the_server_is_down_goes_out_once_after_it_is_back()
    {
        var scenario = FullYear.NubleOnTimeMagallanesSilent();
        await using var referenceSink = await SmtpSink.StartNewAsync();
        await using var reference = await TestDatabase.CreateCycleAsync();
        await new Simulator(TestDatabase.ServerConnectionString, FullYear.Calendar, FullYear.Mail(referenceSink)).RunAsync(reference.Store, scenario);

        await using var sink = await SmtpSink.StartNewAsync();
        await using var database = await TestDatabase.CreateCycleAsync();
        var run = await new Simulator(TestDatabase.ServerConnectionString, FullYear.Calendar, FullYear.Mail(sink)).PrepareAsync(database.Store, scenario);
        await run.RunUntilAsync(OutageStart);
        await sink.StopAsync();
        await run.RunUntilAsync(OutageEnd);
        var receivedDuringOutage = sink.Messages().Count;
        await sink.StartAsync();
        var result = await run.FinishAsync();

        await FullYear.AssertDeliveredOnceAsync(database, sink, reference);
        Assert.That(result.Incidents, Is.Empty);

        // Pair each message with the same one of the reference run, where it went out when due.
        var due = Occurrences(await FullYear.MailsAsync(reference));
        var sent = Occurrences(await FullYear.MailsAsync(database));
        var pairs = sent.Select(s => (s.Key, Due: due[s.Key], Sent: s.Value)).ToList();
        var duringOutage = pairs.Where(p => p.Due >= OutageStart && p.Due < OutageEnd).ToList();
        foreach (var (key, when, sentAt) in duringOutage)
        {
            TestContext.Out.WriteLine($"due {when}, sent {sentAt}: {key}");
        }
        using (Assert.EnterMultipleScope())
        {
            Assert.That(duringOutage, Has.Count.GreaterThanOrEqualTo(3), "the outage must hold back several messages");
            Assert.That(duringOutage.Select(p => p.Key), Has.Some.Contains("aviso").And.Some.Contains("recordatorio"));
            Assert.That(receivedDuringOutage, Is.EqualTo(pairs.Count(p => p.Due < OutageStart)), "nothing reached the server while it was down");
            Assert.That(pairs.Where(p => p.Sent < p.Due), Is.Empty, "sent before it was due");
            Assert.That(duringOutage.Where(p => p.Sent < OutageEnd), Is.Empty, "recorded as sent while the server was down");
            Assert.That(duringOutage.Where(p => p.Sent > OutageEnd + Duration.FromHours(1)), Is.Empty, "retried hourly: out within an hour of the server's return");
            Assert.That(pairs.Where(p => p.Due < OutageStart).Where(p => p.Sent != p.Due), Is.Empty, "before the outage, everything on time");
        }
    }

    /// <summary>Sent instants by message identity, the n-th message of an identity numbered n.</summary>
    private static Dictionary<string, Instant> Occurrences(IReadOnlyList<MailRecord> mails) =>
        mails.GroupBy(FullYear.Identity)
            .SelectMany(g => g.OrderBy(m => m.SentAt).Select((m, n) => (Key: $"{g.Key} #{n + 1}", Sent: m.SentAt ?? Instant.MaxValue)))
            .ToDictionary(o => o.Key, o => o.Sent);
}
