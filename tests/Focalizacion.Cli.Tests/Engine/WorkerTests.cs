using System.Diagnostics;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cli.Tests.Engine;

/// <summary>The real worker process: Hangfire on PostgreSQL, migrations and grants at start-up as the owner, catch-up and the rest as the engine's role.</summary>
public class WorkerTests
{
    [Test]
    public async Task A_worker_started_after_the_due_instant_fires_each_timer_once_and_delivers_its_effects()
    {
        await using var database = await EngineDatabase.SeedAsync(5, deliverOficios: true);
        await WritingRoles.RecordAsync(database, ["workflow_instances", "timers", "outbox", "journal", "focalizaciones", "hangfire.job", "hangfire.server"]);
        var environment = EngineDatabase.Environment(database);
        // The worker starts 25 days on: the reminders (day 20) were due while no worker ran.
        environment[CliContext.ClockVariable] = InstantPattern.General.Format(EngineDatabase.Start + Duration.FromDays(25));
        using var worker = Process.Start(CliRun.StartInfo(environment, "trabajador"))!;
        var log = new System.Text.StringBuilder();
        worker.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        worker.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        worker.BeginOutputReadLine(); // the worker logs freely; an unread pipe would block it
        worker.BeginErrorReadLine();
        try
        {
            // Poll the database (bounded) for the worker's result; nothing here moves the worker's clock.
            var deadline = Stopwatch.StartNew();
            while (await database.ScalarAsync(EngineDatabase.Effects) < 10 && deadline.Elapsed < TimeSpan.FromSeconds(90) && !worker.HasExited)
            {
                await Task.Delay(200);
            }
            Assert.That(worker.HasExited, Is.False, () => "the worker stopped: " + log);
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
        var writers = await WritingRoles.WritersAsync(database);
        Assert.Multiple(async () =>
        {
            Assert.That(writers.Select(w => w.Role).Distinct(), Is.EqualTo(new[] { DatabaseRole.RoleOf(database.MotorConnectionString) }), "the engine, its handlers and Hangfire write as the engine's role, as in the service");
            Assert.That(writers.Select(w => w.Table), Is.SupersetOf(new[] { "timers", "outbox", "focalizaciones", "job", "server" }));
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM timers WHERE node_id = 'Recordar' AND state = 'Fired'"), Is.EqualTo(5));
            // The worker's clock starts at day 25 and runs: it fires the reminders the seconds its start-up takes after that.
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM timers WHERE node_id = 'Recordar' AND lateness >= interval '5 days' AND lateness < interval '5 days 2 minutes'"), Is.EqualTo(5), "late, and the row says how late");
            Assert.That(await database.ScalarAsync(EngineDatabase.Effects), Is.EqualTo(10), "5 oficios and 5 reminders, once each");
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM timers WHERE node_id = 'Vence' AND state = 'Pending'"), Is.EqualTo(5), "day-30 deadlines are not due");
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire'"), Is.GreaterThan(0), "Hangfire's storage lives in PostgreSQL");
        });
    }
}
