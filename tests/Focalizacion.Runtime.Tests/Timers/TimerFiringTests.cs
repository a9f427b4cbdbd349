using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.Timers;
using NodaTime;
using NodaTime.Testing;

namespace Focalizacion.Runtime.Tests.Timers;

public class TimerFiringTests
{
    private static async Task<long> ReminderTimerAsync(Harness harness)
    {
        await using var db = harness.Database.Store.Open();
        return db.Timers.Single(t => t.NodeId == "Recordar").Id;
    }

    [Test]
    public async Task A_timer_fires_only_when_due_and_only_once()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var timer = await ReminderTimerAsync(harness);
        harness.Clock.AdvanceTo(Harness.Start + Duration.FromDays(20) - Duration.FromMilliseconds(1));
        Assert.That(await harness.Runtime.Timers.FireAsync(timer), Is.EqualTo(FireOutcome.NotDue));
        harness.Clock.Advance(Duration.FromMilliseconds(1));
        Assert.That(await harness.Runtime.Timers.FireAsync(timer), Is.EqualTo(FireOutcome.Fired));
        Assert.That(await harness.Runtime.Timers.FireAsync(timer), Is.EqualTo(FireOutcome.AlreadyDone));
    }

    [Test]
    public async Task A_timer_due_while_the_service_was_down_fires_once_at_restart_and_says_how_late()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.StartAsync();
        await harness.Driver.SettleAsync();
        // The service stops; it comes back three days after the reminder was due.
        var restartedAt = Harness.Start + Duration.FromDays(23);
        var restarted = harness.AnotherRuntime(new FakeClock(restartedAt));
        var firedAtStartUp = await restarted.Timers.FireDueAsync();
        var firedAgain = await restarted.Timers.FireDueAsync();
        await using var db = harness.Database.Store.Open();
        var reminder = db.Timers.Single(t => t.NodeId == "Recordar");
        Assert.Multiple(async () =>
        {
            Assert.That(firedAtStartUp, Is.EqualTo(1));
            Assert.That(firedAgain, Is.Zero);
            Assert.That(reminder.Lateness, Is.EqualTo(Duration.FromDays(3)));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM journal WHERE kind = 'temporizador-disparado' AND actor = 'temporizador' AND via = 'temporizador' AND details LIKE '%259200 s de atraso%'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_timer_that_cannot_be_computed_blocks_its_own_instance_and_the_sweep_goes_on()
    {
        await using var harness = await Harness.CreateAsync(fixture: "plazo-tras-espera.bpmn");
        // Its rule counts 3,660 business days from December 2099: past the calendar, for this instance only.
        var lost = await harness.Runtime.Instances.StartAsync("Plazo_Tras_Espera", new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 2100 },
            new Dictionary<string, LocalDate> { ["x"] = new(2099, 12, 1) }, "NB/2100", Actor.Cli("prueba"));
        var fine = await harness.Runtime.Instances.StartAsync("Plazo_Tras_Espera", new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 2027 },
            new Dictionary<string, LocalDate> { ["x"] = new(2026, 3, 1) }, "NB/2027", Actor.Cli("prueba"));
        harness.Clock.Advance(Duration.FromHours(2));
        var fired = await harness.Runtime.Timers.FireDueAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(fired, Is.EqualTo(2), "both hour timers fired: the failing rule did not stop the sweep");
            Assert.That((await harness.Runtime.Instances.StateAsync(lost))!.Tokens.Single().Wait, Is.EqualTo(TokenWait.Incident));
            Assert.That((await harness.Runtime.Instances.StateAsync(fine))!.Timers.Single().NodeId, Is.EqualTo("Plazo"));
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM incidents WHERE instance_id = '{lost}' AND reason LIKE '%fuera del calendario%'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_wait_of_months_is_an_ordinary_timer()
    {
        await using var harness = await Harness.CreateAsync(fixture: "espera-larga.bpmn");
        var id = await harness.Runtime.Instances.StartAsync("Espera_Larga", new System.Text.Json.Nodes.JsonObject { ["region"] = "MA", ["anioPresupuestario"] = 2027 }, Actor.Cli("prueba"));
        await harness.Driver.RunUntilAsync(Instant.FromUtc(2027, 12, 31, 0, 0));
        await using var db = harness.Database.Store.Open();
        var timer = db.Timers.Single();
        Assert.Multiple(async () =>
        {
            // "30 de diciembre" for budget year 2027 in Punta Arenas: overdue at 2026-12-31T00:00-03:00, ten months after the start.
            Assert.That(timer.DueAt, Is.EqualTo(Instant.FromUtc(2026, 12, 31, 3, 0)));
            Assert.That(timer.FiredAt, Is.EqualTo(timer.DueAt));
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(Engine.Execution.InstanceStatus.Completed));
        });
    }

    /// <summary>What a sweep reads as due now, as <see cref="TimerFiring.FireDueAsync"/> reads it.</summary>
    private static async Task<List<DueTimer>> DueNowAsync(Harness harness)
    {
        await using var batch = harness.Database.Store.CreateBatch();
        batch.BatchCommands.Add(TimerFiring.DueCommand(harness.Clock.GetCurrentInstant(), TimerFiring.BatchSize));
        await using var reader = await batch.ExecuteReaderAsync();
        return await TimerFiring.ReadDueAsync(reader, CancellationToken.None);
    }

    [Test]
    public async Task A_sweep_fires_the_timer_of_an_instance_this_runtime_stepped_in_one_round_trip()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var before = harness.Runtime.Steps.OneTripSteps;
        harness.Clock.AdvanceTo(Harness.Start + Duration.FromDays(20));
        var fired = await harness.Runtime.Timers.FireDueAsync(inDueOrder: true);
        await using var db = harness.Database.Store.Open();
        var reminder = db.Timers.Single(t => t.NodeId == "Recordar");
        Assert.Multiple(async () =>
        {
            Assert.That(fired, Is.EqualTo(1));
            Assert.That(harness.Runtime.Steps.OneTripSteps - before, Is.EqualTo(1));
            Assert.That(reminder.State, Is.EqualTo(TimerState.Fired));
            Assert.That(reminder.Lateness, Is.EqualTo(Duration.Zero));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM journal WHERE kind = 'temporizador-disparado'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_timer_another_process_fired_after_the_sweep_read_it_is_not_fired_again()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.StartAsync();
        await harness.Driver.SettleAsync();
        harness.Clock.AdvanceTo(Harness.Start + Duration.FromDays(20));
        var due = await DueNowAsync(harness);
        Assert.That(await harness.AnotherRuntime(harness.Clock).Timers.FireDueAsync(), Is.EqualTo(1));
        var fired = await harness.Runtime.Timers.FireBatchesAsync(due, TimerFiring.BatchSize, inDueOrder: true, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(fired, Is.Zero);
            Assert.That(harness.Runtime.Steps.VersionConflicts, Is.EqualTo(1), "the other process's step outdated this one's cached state");
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM journal WHERE kind = 'temporizador-disparado'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_timer_cancelled_outside_the_engine_after_the_sweep_read_it_is_not_fired_from_the_cached_state()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        harness.Clock.AdvanceTo(Harness.Start + Duration.FromDays(20));
        var due = await DueNowAsync(harness);
        // An operator's repair straight in SQL: the timer row changes, its instance's row does not (its version guard passes).
        await harness.Database.ExecuteAsync("UPDATE timers SET state = 'Cancelled' WHERE node_id = 'Recordar'");
        var before = harness.Runtime.Steps.OneTripSteps;
        var fired = await harness.Runtime.Timers.FireBatchesAsync(due, TimerFiring.BatchSize, inDueOrder: true, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(fired, Is.Zero);
            Assert.That(harness.Runtime.Steps.OneTripSteps - before, Is.Zero, "the timer's guard refused the one-trip step");
            Assert.That(harness.Runtime.Steps.VersionConflicts, Is.Zero, "the instance's state was still good");
            Assert.That(harness.Runtime.Steps.CachedInstances, Is.EqualTo(1));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM timers WHERE state = 'Cancelled'"), Is.EqualTo(1));
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = '{id}' AND kind = 'temporizador-disparado'"), Is.Zero);
        });
    }
}
