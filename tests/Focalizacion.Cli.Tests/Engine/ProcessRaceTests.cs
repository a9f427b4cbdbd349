using System.Diagnostics;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cli.Tests.Engine;

/// <summary>
/// Two engine processes on one database, started together over the same 1,000 due timers: the
/// race test (real processes, so nothing in one process's memory can hide a double firing).
/// </summary>
public class ProcessRaceTests
{
    [Test]
    public async Task Two_processes_fire_each_of_1000_due_timers_once()
    {
        await using var database = await EngineDatabase.SeedAsync(1000);
        // Both processes run virtual time to day 21: every reminder (day 20) is due, no deadline (day 30) yet.
        string[] args = ["temporizadores", "correr", "--desde", InstantPattern.General.Format(EngineDatabase.Start), "--hasta",
            InstantPattern.General.Format(EngineDatabase.Start + Duration.FromDays(21))];
        var processes = Enumerable.Range(0, 2).Select(_ => Process.Start(CliRun.StartInfo(EngineDatabase.Environment(database), args))!).ToList();
        foreach (var process in processes)
        {
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.Zero, await process.StandardError.ReadToEndAsync());
            process.Dispose();
        }
        Assert.Multiple(async () =>
        {
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM timers WHERE node_id = 'Recordar' AND state = 'Fired'"), Is.EqualTo(1000));
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM journal WHERE kind = 'temporizador-disparado'"), Is.EqualTo(1000), "each fired once");
            Assert.That(await database.ScalarAsync(EngineDatabase.Effects), Is.EqualTo(2000), "1,000 oficios and 1,000 reminders");
            Assert.That(await database.ScalarAsync(EngineDatabase.RunTwice), Is.Zero, "each handler ran once");
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM timers WHERE node_id = 'Vence' AND state = 'Pending'"), Is.EqualTo(1000), "never early");
        });
    }
}
