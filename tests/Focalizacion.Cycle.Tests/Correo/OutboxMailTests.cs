using System.Diagnostics;
using Focalizacion.Cycle.Correo;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime;
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
    public async Task A_send_that_outlasts_the_delivery_lease_keeps_its_claim_and_the_sweep_does_not_start_it_again()
    {
        var options = CycleRuntime.Options with { DeliveryLease = Duration.FromMinutes(5), DeliveryHeartbeat = Duration.FromMilliseconds(100) };
        await using var mail = await MailDelivery.CreateAsync(options: options);
        await mail.StartAsync();
        // The end of the data answered late: the send is still running while time passes.
        mail.Sink.AnswerLate("DATA", TimeSpan.FromSeconds(6));

        var first = mail.Runtime.Outbox.DeliverDueAsync();
        Assert.That(await mail.Sink.DelayedAsync(), Is.EqualTo("DATA"));
        var sweeps = new List<int>();
        // Eight minutes in two steps, past the five-minute lease; the minute sweep runs after each.
        for (var step = 0; step < 2; step++)
        {
            mail.Clock.Advance(Duration.FromMinutes(4));
            await RenewedAsync(mail, mail.Clock.GetCurrentInstant() + options.DeliveryLease);
            sweeps.Add(await mail.Runtime.Outbox.DeliverDueAsync());
        }
        var delivered = await first;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sweeps, Is.EqualTo(new[] { 0, 0 }), "nothing due while the send runs");
            Assert.That(delivered, Is.EqualTo(1));
            Assert.That(mail.Sink.Messages(), Has.Count.EqualTo(1), "one send, not two side by side");
            Assert.That(await mail.Database.ScalarAsync("SELECT attempts FROM outbox"), Is.EqualTo(1));
            Assert.That(await mail.CorreoAsync(), Is.EqualTo((MailStates.Sent, 1, (string?)null)));
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

    [Test]
    public async Task A_suspended_instances_email_waits_and_goes_once_it_is_resumed()
    {
        await using var mail = await MailDelivery.CreateAsync();
        var id = await mail.StartAsync();
        var outboxId = await mail.OutboxIdAsync();
        await mail.Runtime.Instances.SuspendAsync(id, Actor.Cli("operadora"));
        mail.Clock.Advance(Duration.FromHours(1));

        var sweep = await mail.Runtime.Outbox.DeliverDueAsync();
        var job = await mail.Runtime.Outbox.DeliverAsync(outboxId);
        var next = await mail.Runtime.Outbox.NextAttemptAsync();
        var sentWhileSuspended = mail.Sink.Messages().Count;
        var woken = mail.WakeUps.Effects.Count;
        await mail.Runtime.Instances.ResumeAsync(id, Actor.Cli("operadora"));
        var wokenByResume = mail.WakeUps.Effects.Skip(woken).ToList();
        var afterResume = await mail.Runtime.Outbox.DeliverAsync(outboxId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((sweep, job, sentWhileSuspended), Is.EqualTo((0, false, 0)), "neither the sweep nor its own job sends it while suspended");
            Assert.That(next, Is.Null, "virtual time does not wait for it either");
            Assert.That(wokenByResume, Is.EqualTo(new[] { outboxId }), "resuming wakes it up");
            Assert.That(afterResume, Is.True);
            Assert.That(mail.Sink.Messages(), Has.Count.EqualTo(1));
            Assert.That((await mail.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
        }
    }

    [Test]
    public async Task An_email_the_server_took_while_its_instance_was_being_suspended_completes_its_task_once_resumed()
    {
        await using var mail = await MailDelivery.CreateAsync();
        var id = await mail.StartAsync();
        mail.Sink.AnswerLate("DATA", TimeSpan.FromSeconds(1));

        var delivery = mail.Runtime.Outbox.DeliverDueAsync();
        Assert.That(await mail.Sink.DelayedAsync(), Is.EqualTo("DATA"));
        var suspended = await mail.Runtime.Instances.SuspendAsync(id, Actor.Cli("operadora"));
        await delivery;
        var whileSuspended = (await mail.OutboxAsync(), (await mail.Runtime.Instances.StateAsync(id))!.Status);
        mail.Clock.Advance(Duration.FromHours(1));
        var sweepWhileSuspended = await mail.Runtime.Outbox.DeliverDueAsync();
        await mail.Runtime.Instances.ResumeAsync(id, Actor.Cli("operadora"));
        var afterResume = await mail.Runtime.Outbox.DeliverDueAsync();
        var state = (await mail.Runtime.Instances.StateAsync(id))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(suspended.Applied, Is.True);
            Assert.That(whileSuspended, Is.EqualTo((("Pending", (string?)null), InstanceStatus.Suspended)), "the success waits for the instance");
            Assert.That(sweepWhileSuspended, Is.Zero);
            Assert.That(afterResume, Is.EqualTo(1));
            Assert.That(state.Status, Is.EqualTo(InstanceStatus.Completed), "the task got its email's success");
            Assert.That(state.Variables["oficio_oficio_inicio"]?.GetValue<int>(), Is.EqualTo(1), "with the handler's outputs");
            Assert.That(await mail.CorreoAsync(), Is.EqualTo((MailStates.Sent, 1, (string?)null)), "the handler did not run again");
            Assert.That(mail.Sink.Messages(), Has.Count.EqualTo(1));
            Assert.That(await mail.Database.ScalarAsync("SELECT count(*) FROM incidents"), Is.Zero);
        }
    }

    /// <summary>Waits (at most ten seconds of real time) for the running send's heartbeat to push its claim to <paramref name="until"/>.</summary>
    private static async Task RenewedAsync(MailDelivery mail, Instant until)
    {
        var deadline = Stopwatch.StartNew();
        while (await mail.Database.ScalarAsync("SELECT (extract(epoch FROM next_attempt_at) * 1000)::bigint FROM outbox") < until.ToUnixTimeMilliseconds())
        {
            Assert.That(deadline.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "the claim was not renewed while its send ran");
            await Task.Delay(20);
        }
    }
}
