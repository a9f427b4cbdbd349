using System.Diagnostics;
using System.Globalization;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cycle.Tests.FullYear;

/// <summary>
/// The CLI runs a whole cycle year (<c>temporizadores correr</c>) and is SIGKILLed while the SMTP
/// server holds a message unanswered; restarted from the last clock reading the database recorded,
/// it finishes the year: nothing lost, nothing sent twice, the interrupted message sent once.
/// </summary>
public sealed class KilledMidYearTests
{
    [Test]
    public async Task Killed_mid_delivery_and_restarted_it_sends_what_an_uninterrupted_year_sends_each_message_once()
    {
        await using var referenceSink = await SmtpSink.StartNewAsync();
        await using var reference = await TestDatabase.CreateCycleAsync();
        var end = await SeedAsync(reference);
        using (var uninterrupted = StartCli(reference, referenceSink, Start, end))
        {
            await FinishedAsync(uninterrupted);
        }

        await using var sink = await SmtpSink.StartNewAsync();
        await using var database = await TestDatabase.CreateCycleAsync();
        await SeedAsync(database);
        sink.HoldFrom(stored: 10);
        string heldId;
        using (var killed = StartCli(database, sink, Start, end))
        {
            var held = sink.HeldAsync();
            Assert.That(await Task.WhenAny(held, killed.WaitForExitAsync()), Is.SameAs(held), "the run must be caught mid-delivery, not finish");
            heldId = await held;
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
        }
        Assert.That(await sink.DiscardedAsync(), Is.EqualTo(heldId), "the server dropped the message whose client died");
        sink.Release();
        var interrupted = (await FullYear.MailsAsync(database)).Single(m => m.MessageId == heldId);
        Assert.That((interrupted.State, sink.Messages().Count), Is.EqualTo(("pendiente", 10)));

        // Restarted as an operator would: from the latest clock reading the database holds.
        var resumeAt = Instant.FromUnixTimeTicks(await database.ScalarAsync(
            "SELECT (extract(epoch FROM greatest((SELECT max(at) FROM journal), (SELECT max(creado_at) FROM correos), (SELECT max(enviado_at) FROM correos))) * 10000000)::bigint"));
        Assert.That(resumeAt, Is.EqualTo(interrupted.CreatedAt), "killed while sending the held message");
        using (var restarted = StartCli(database, sink, resumeAt, end))
        {
            await FinishedAsync(restarted);
        }

        await FullYear.AssertDeliveredOnceAsync(database, sink, reference);
        var resent = (await FullYear.MailsAsync(database)).Single(m => m.MessageId == heldId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sink.Messages().Count(m => m.MessageId == heldId), Is.EqualTo(1));
            Assert.That((resent.State, resent.Attempts), Is.EqualTo(("enviado", 2)));
            Assert.That(resent.SentAt, Is.EqualTo(interrupted.CreatedAt + CycleRuntime.Options.DeliveryLease), "retried once its delivery lease expired");
        }
    }

    // 1 January 2026, 00:00 mainland time (UTC−3): where the simulation starts the cycles.
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 3, 0);

    /// <summary>Directory, shipped workflow, and Ñuble's and Magallanes' cycles started at <see cref="Start"/>, nobody acting, and the roles the CLI acts as granted; returns the year's end.</summary>
    private static async Task<Instant> SeedAsync(TestDatabase database)
    {
        await database.GrantRolesAsync();
        var run = await new Simulator(TestDatabase.ServerConnectionString, FullYear.Calendar, new MailSettings()).PrepareAsync(database.Store, FullYear.NobodyActs());
        Assert.That(run.Now, Is.EqualTo(Start));
        return run.End;
    }

    private static Process StartCli(TestDatabase database, SmtpSink sink, Instant from, Instant until) =>
        Process.Start(CliProcess.StartInfo(
            new Dictionary<string, string>(database.CliEnvironment())
            {
                ["FOCALIZACION_SMTP_HOST"] = "127.0.0.1",
                ["FOCALIZACION_SMTP_PUERTO"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            },
            "temporizadores", "correr", "--desde", InstantPattern.General.Format(from), "--hasta", InstantPattern.General.Format(until)))!;

    private static async Task FinishedAsync(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, error + await output);
    }
}
