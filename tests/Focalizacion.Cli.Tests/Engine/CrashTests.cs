using System.Diagnostics;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cli.Tests.Engine;

/// <summary>
/// The engine process is killed (SIGKILL) at many points while it runs timers and effects, then
/// restarted, until it finishes; every instance must end exactly as in an uninterrupted run, and
/// no effect may happen twice.
/// </summary>
public class CrashTests
{
    private const int Instances = 30;

    private static readonly string Until = InstantPattern.General.Format(EngineDatabase.Start + Duration.FromDays(60));

    private static string[] RunArgs => ["temporizadores", "correr", "--desde", InstantPattern.General.Format(EngineDatabase.Start), "--hasta", Until];

    // What an instance ended with: status, the variables its effects set, and which timers fired.
    private const string Outcome = """
        SELECT i.correlation_key || ' ' || i.status || ' ' || (i.state -> 'variables')::text || ' ' ||
               coalesce((SELECT string_agg(t.node_id || ':' || t.state, ',' ORDER BY t.node_id) FROM timers t WHERE t.instance_id = i.id), '')
        FROM workflow_instances i ORDER BY i.correlation_key
        """;

    [Test]
    public async Task Killed_at_many_points_and_restarted_it_ends_as_an_uninterrupted_run()
    {
        await using var reference = await EngineDatabase.SeedAsync(Instances);
        await using var crashed = await EngineDatabase.SeedAsync(Instances);

        var uninterrupted = CliRun.AsProcess(EngineDatabase.Environment(reference), RunArgs);
        Assert.That(uninterrupted.ExitCode, Is.Zero, uninterrupted.Error);

        var random = new Random(246);
        int kills = 0;
        for (int attempt = 0; ; attempt++)
        {
            using var process = Process.Start(CliRun.StartInfo(EngineDatabase.Environment(crashed), RunArgs))!;
            // The first runs are killed at random moments; after enough kills one is let finish.
            if (attempt < 12 && !process.WaitForExit(random.Next(300, 1500)))
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                kills++;
                continue;
            }
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.Zero, await process.StandardError.ReadToEndAsync());
            break;
        }
        TestContext.Out.WriteLine($"killed {kills} times before the run that finished");

        Assert.Multiple(async () =>
        {
            Assert.That(kills, Is.GreaterThan(3), "the test must really interrupt the engine");
            Assert.That(await Rows(crashed, Outcome), Is.EqualTo(await Rows(reference, Outcome)));
            Assert.That(await crashed.ScalarAsync(EngineDatabase.Effects), Is.EqualTo(await reference.ScalarAsync(EngineDatabase.Effects)));
            Assert.That(await crashed.ScalarAsync(EngineDatabase.Effects), Is.EqualTo(3 * Instances), "oficio, reminder and notice per instance, once each");
            Assert.That(await crashed.ScalarAsync("SELECT count(*) FROM outbox WHERE state <> 'Delivered'"), Is.Zero);
            Assert.That(await crashed.ScalarAsync("SELECT count(*) FROM (SELECT details FROM journal WHERE kind = 'temporizador-disparado' GROUP BY instance_id, details HAVING count(*) > 1) d"), Is.Zero, "no timer fired twice");
        });
    }

    private static async Task<List<string>> Rows(TestDatabase database, string sql)
    {
        await using var command = database.Store.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
