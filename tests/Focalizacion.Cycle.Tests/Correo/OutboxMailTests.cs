using System.Diagnostics;
using Focalizacion.Cycle.Correo;
using Focalizacion.Engine.Execution;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Correo;

/// <summary>
/// One oficio through the outbox, the handler and a real SMTP server that misbehaves on cue
/// (answers late, drops, refuses) or a database that goes away: each message reaches the server
/// once, and its instance goes on.
/// </summary>
public sealed class OutboxMailTests
{
    [Test]
    public async Task A_late_answer_to_quit_after_the_message_was_taken_is_recorded_sent_before_quit_and_is_no_failure()
    {
        await using var mail = await MailDelivery.CreateAsync(m => m with { Timeouts = SmtpTimeouts.Rfc5321 with { Command = Duration.FromSeconds(1) } });
        var id = await mail.StartAsync();
        mail.Sink.AnswerLate("QUIT", TimeSpan.FromSeconds(4));

        var delivery = mail.Runtime.Outbox.DeliverDueAsync();
        Assert.That(await mail.Sink.DelayedAsync(), Is.EqualTo("QUIT"));
        // The server holds back its answer to QUIT; it took the message before, and the row says so already.
        var whileQuitting = await mail.CorreoAsync();
        var delivered = await delivery;
        mail.Clock.Advance(Duration.FromDays(1));
        var later = await mail.Runtime.Outbox.DeliverDueAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileQuitting, Is.EqualTo((MailStates.Sent, 1, (string?)null)), "recorded before QUIT");
            Assert.That(delivered, Is.EqualTo(1), "QUIT's timeout is no failure of the send");
            Assert.That(await mail.OutboxAsync(), Is.EqualTo(("Delivered", (string?)null)));
            Assert.That(later, Is.Zero);
            Assert.That(mail.Sink.Messages(), Has.Count.EqualTo(1));
            Assert.That((await mail.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
        }
    }

    [Test]
    public async Task A_database_restart_right_after_the_server_took_the_message_delays_its_record_and_never_resends_it()
    {
        await using var mail = await MailDelivery.CreateAsync();
        var id = await mail.StartAsync();
        // The sink stores the message, then answers 250 a second later: by then the database is gone.
        mail.Sink.AnswerLate("DATA", TimeSpan.FromSeconds(1));

        var delivery = mail.Runtime.Outbox.DeliverDueAsync();
        Assert.That(await mail.Sink.DelayedAsync(), Is.EqualTo("DATA"));
        var outage = Stopwatch.StartNew();
        bool doneDuringOutage;
        await using (await mail.CutDatabaseAsync())
        {
            // As long as the audit's PostgreSQL restart: 2.5 s.
            await Task.WhenAny(delivery, Task.Delay(TimeSpan.FromSeconds(2.5)));
            doneDuringOutage = delivery.IsCompleted;
        }
        var delivered = await delivery;
        var recordedAfter = outage.Elapsed;
        mail.Clock.Advance(Duration.FromDays(1));
        var later = await mail.Runtime.Outbox.DeliverDueAsync();
        TestContext.Out.WriteLine($"recorded {recordedAfter.TotalSeconds:F1} s after the outage began");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(doneDuringOutage, Is.False, "the record waited for the database");
            Assert.That(delivered, Is.EqualTo(1));
            Assert.That(await mail.CorreoAsync(), Is.EqualTo((MailStates.Sent, 1, (string?)null)));
            Assert.That(await mail.OutboxAsync(), Is.EqualTo(("Delivered", (string?)null)));
            Assert.That(later, Is.Zero);
            Assert.That(mail.Sink.Messages(), Has.Count.EqualTo(1), "sent once");
            Assert.That((await mail.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
        }
    }
}
