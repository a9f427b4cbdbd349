using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cli.Tests.Engine;

/// <summary>
/// <c>temporizadores correr</c> fires future timers now and delivers their effects for real, so it
/// runs only on a throwaway database; the live one is refused before anything changes.
/// </summary>
public class VirtualTimeTests
{
    private static readonly string[] RunArgs =
        ["temporizadores", "correr", "--desde", InstantPattern.General.Format(EngineDatabase.Start), "--hasta", InstantPattern.General.Format(EngineDatabase.Start + Duration.FromDays(60))];

    [TestCase(null)] // the live database as deploy/postgres.sh creates it: no comment
    [TestCase("base de datos de producción")] // a comment of the operator's own
    public async Task On_a_database_without_the_throwaway_mark_nothing_fires_and_it_exits_2(string? comment)
    {
        await using var database = await EngineDatabase.SeedAsync(3, deliverOficios: true);
        await database.ExecuteAsync($"COMMENT ON DATABASE {database.Name} IS {(comment is null ? "NULL" : $"'{comment}'")}");
        var journal = await database.ScalarAsync("SELECT count(*) FROM journal");

        var run = CliRun.AsProcess(EngineDatabase.Environment(database), RunArgs);

        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Error);
            Assert.That(run.Error, Does.StartWith("Error: temporizadores correr: el tiempo virtual solo corre en una base desechable"));
            Assert.That(run.Error, Does.Contain("FOCALIZACION_DB").And.Contain("No se cambió nada"));
            Assert.That(run.Error, Does.Not.Contain("   at "));
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM timers WHERE state <> 'Pending'"), Is.Zero, "no timer fired");
            Assert.That(await database.ScalarAsync(EngineDatabase.Effects), Is.EqualTo(3), "only the oficios delivered before");
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM journal"), Is.EqualTo(journal));
        });
    }

    [Test]
    public async Task On_a_test_database_it_runs_the_timers()
    {
        await using var database = await EngineDatabase.SeedAsync(3, deliverOficios: true);
        var run = CliRun.AsProcess(EngineDatabase.Environment(database), RunArgs);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(await database.ScalarAsync(EngineDatabase.Effects), Is.EqualTo(9), "oficio, reminder and notice per instance");
    }
}
