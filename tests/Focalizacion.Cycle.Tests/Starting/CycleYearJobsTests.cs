using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Starting;
using Focalizacion.Runtime;
using Focalizacion.Runtime.VirtualTime;
using Focalizacion.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Starting;

/// <summary>
/// The service started late in 2026 keeps running into 2027: the recurring job, run as Hangfire
/// runs it every minute, starts budget year 2028's cycles at the configured moment, once.
/// </summary>
public class CycleYearJobsTests
{
    private sealed record Year(TestDatabase Database, VirtualClock Clock, CycleBootstrap Bootstrap, CycleYearJobs Jobs, EngineRuntime Runtime) : IAsyncDisposable
    {
        public Task<long> CyclesAsync(int budgetYear) =>
            Database.ScalarAsync($"SELECT count(*) FROM workflow_instances WHERE correlation_key LIKE '%/{budgetYear}'");

        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>The service's start-up a minute before <paramref name="moment"/>'s instant for 2028: budget year 2027's cycles started.</summary>
    private static async Task<Year> RunningSince2026Async(CycleStartMoment moment)
    {
        var database = await TestDatabase.CreateCycleAsync();
        var clock = new VirtualClock(moment.For(2028) - Duration.FromMinutes(1));
        var mail = new MailSettings { PickupFolder = Path.Combine(Path.GetTempPath(), $"correo-ciclos-{Guid.NewGuid():N}") };
        var runtime = CycleRuntime.Create(database.Store, clock, HolidayCalendar.RulesOnly, mail);
        var bootstrap = new CycleBootstrap(runtime, HolidayCalendar.RulesOnly, moment);
        var atStart = await bootstrap.RunAsync();
        Assert.That((atStart.BudgetYear, atStart.Started), Is.EqualTo((2027, 16)), "the start-up starts the year in progress");
        return new Year(database, clock, bootstrap, new CycleYearJobs(bootstrap, NullLogger<CycleYearJobs>.Instance), runtime);
    }

    [TestCase("01-01 00:00", TestName = "The default moment: midnight of 1 January")]
    [TestCase("01-02 09:00", TestName = "A configured moment: 2 January at nine")]
    public async Task The_job_starts_the_next_budget_year_s_16_cycles_at_its_moment_once_and_in_time_for_the_oficio_de_inicio(string configured)
    {
        var moment = CycleStartMoment.Parse(configured).Value;
        await using var year = await RunningSince2026Async(moment);

        await year.Jobs.StartDueYearAsync();
        var beforeTheMoment = await year.CyclesAsync(2028);
        year.Clock.AdvanceTo(moment.For(2028));
        await year.Jobs.StartDueYearAsync();
        var atTheMoment = await year.CyclesAsync(2028);
        year.Clock.AdvanceTo(moment.For(2028) + Duration.FromMinutes(1));
        await year.Jobs.StartDueYearAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(beforeTheMoment, Is.Zero, "a minute early nothing starts");
            Assert.That(atTheMoment, Is.EqualTo(16));
            Assert.That(await year.CyclesAsync(2028), Is.EqualTo(16), "the next minute's run starts nothing again");
            Assert.That(await year.CyclesAsync(2027), Is.EqualTo(16), "the year still running is left alone");
            Assert.That(await year.Database.ScalarAsync(
                "SELECT count(*) FROM journal j JOIN workflow_instances i ON i.id = j.instance_id " +
                "WHERE i.correlation_key LIKE '%/2028' AND j.kind = 'instancia-iniciada' AND j.actor = 'servicio' AND j.via = 'servicio'"),
                Is.EqualTo(16), "each start journaled, by the service");
            Assert.That(await year.Database.ScalarAsync(
                "SELECT count(*) FROM workflow_instances WHERE correlation_key LIKE '%/2028' AND state->'variables'->'vencidosSinRegistro' = '[]'::jsonb"),
                Is.EqualTo(16), "started in January, nothing is overdue: the oficio de inicio goes on 1 March");
        });
    }

    [Test]
    public async Task A_cycle_an_operator_cancelled_is_not_started_again_by_the_job()
    {
        await using var year = await RunningSince2026Async(CycleStartMoment.Default);
        year.Clock.AdvanceTo(CycleStartMoment.Default.For(2028));
        await year.Jobs.StartDueYearAsync();
        var nuble = await year.Database.ScalarAsync("SELECT count(*) FROM workflow_instances WHERE correlation_key = 'NB/2028'");
        await using (var db = year.Database.Store.Open())
        {
            var id = db.Instances.Single(i => i.CorrelationKey == "NB/2028").Id;
            await year.Runtime.Instances.CancelAsync(id, Actor.Cli("operadora"));
        }

        year.Clock.Advance(Duration.FromMinutes(1));
        await year.Jobs.StartDueYearAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(nuble, Is.EqualTo(1));
            Assert.That(await year.Database.ScalarAsync("SELECT count(*) FROM workflow_instances WHERE correlation_key = 'NB/2028'"), Is.EqualTo(1), "only ciclo iniciar starts it again");
            Assert.That(await year.Bootstrap.WithoutCycleAsync(2028), Is.Empty, "readiness does not count it as missing");
        });
    }
}
