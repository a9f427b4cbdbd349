using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
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
}
