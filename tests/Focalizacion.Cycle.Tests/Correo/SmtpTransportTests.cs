using System.Diagnostics;
using Focalizacion.Cycle.Correo;
using Focalizacion.Testing;
using MimeKit;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Correo;

public sealed class SmtpTransportTests
{
    /// <summary>How late the sink answers the step under test.</summary>
    private static readonly TimeSpan Late = TimeSpan.FromSeconds(3);

    /// <summary>Shorter than <see cref="Late"/>, yet long for a loopback server that answers at once.</summary>
    private static readonly Duration Short = Duration.FromMilliseconds(1_500);

    private static readonly Duration Long = Duration.FromSeconds(20);

    // Each row: a command the sink answers late, and the timeout that governs the wait for that
    // answer. Before, one 60-second timeout governed every step, so each late answer was waited for
    // whatever its step.
    [TestCase("EHLO", nameof(SmtpTimeouts.Greeting))]        // EHLO goes while connecting, with the 220 greeting
    [TestCase("MAIL", nameof(SmtpTimeouts.Mail))]            // MAIL FROM
    [TestCase("RCPT", nameof(SmtpTimeouts.Recipient))]       // every RCPT TO
    [TestCase("DATA", nameof(SmtpTimeouts.DataTermination))] // the 250 after the data, which the RFC gives the longest wait
    public async Task A_late_answer_is_waited_for_as_long_as_its_own_step_allows(string command, string step)
    {
        await using var sink = await SmtpSink.StartNewAsync();
        sink.AnswerLate(command, Late);

        // Its step's timeout short, every other long: the send gives up on its step's timeout.
        var watch = Stopwatch.StartNew();
        var error = Assert.CatchAsync<TimeoutException>(() => Transport(sink, Timeouts(Long, step, Short)).SendAsync(Message(), _ => Task.CompletedTask, CancellationToken.None));
        var waited = watch.Elapsed;
        // Its step's timeout long, every other short: the late answer is waited for and the message sent.
        string? reply = null;
        await Transport(sink, Timeouts(Short, step, Long)).SendAsync(Message(), taken =>
        {
            reply = taken;
            return Task.CompletedTask;
        }, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.Contain("1500 milliseconds"));
            Assert.That(waited, Is.LessThan(Late), "gave up before the late answer came");
            Assert.That(reply, Does.StartWith("2.0.0 Ok: queued as"));
        }
    }

    [Test]
    public async Task The_message_is_handed_over_as_taken_before_quit_and_a_quit_answered_too_late_does_not_fail_the_send()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        sink.AnswerLate("QUIT", Late);
        var delayed = Path.Combine(sink.Folder, "demorado");
        bool? quitSentBefore = null;

        var watch = Stopwatch.StartNew();
        await Transport(sink, SmtpTimeouts.Rfc5321 with { Command = Short }).SendAsync(Message(), _ =>
        {
            quitSentBefore = File.Exists(delayed);
            return Task.CompletedTask;
        }, CancellationToken.None);

        var elapsed = watch.Elapsed;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(quitSentBefore, Is.False, "taken before QUIT went out");
            Assert.That(await sink.DelayedAsync(), Is.EqualTo("QUIT"), "QUIT went out afterwards");
            Assert.That(elapsed, Is.LessThan(Late), "gave up on QUIT after its own timeout, without failing");
            Assert.That(sink.Messages(), Has.Count.EqualTo(1));
        }
    }

    private static SmtpTransport Transport(SmtpSink sink, SmtpTimeouts timeouts) =>
        new(new MailSettings { Host = "127.0.0.1", Port = sink.Port, Timeouts = timeouts });

    /// <summary>Every timeout <paramref name="others"/>, but <paramref name="step"/>'s <paramref name="own"/>.</summary>
    private static SmtpTimeouts Timeouts(Duration others, string step, Duration own)
    {
        var all = new SmtpTimeouts
        {
            Greeting = others,
            Mail = others,
            Recipient = others,
            DataInitiation = others,
            DataBlock = others,
            DataTermination = others,
            Command = others,
        };
        return step switch
        {
            nameof(SmtpTimeouts.Greeting) => all with { Greeting = own },
            nameof(SmtpTimeouts.Mail) => all with { Mail = own },
            nameof(SmtpTimeouts.Recipient) => all with { Recipient = own },
            nameof(SmtpTimeouts.DataTermination) => all with { DataTermination = own },
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
        };
    }

    private static MimeMessage Message()
    {
        var message = new MimeMessage { Subject = "Prueba de esperas", MessageId = MessageIds.For(Guid.NewGuid().ToString()) };
        message.From.Add(new MailboxAddress("Sercotec", MailSettings.DefaultFromAddress));
        message.To.Add(new MailboxAddress("GORE", "gobernador.nb@gore.ejemplo.invalid"));
        message.To.Add(new MailboxAddress("Contraparte", "contraparte.nb@gore.ejemplo.invalid"));
        message.Body = new TextPart("plain") { Text = "Hola" };
        return message;
    }
}
