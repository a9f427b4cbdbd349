using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Tests.Outbox;
using Focalizacion.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Focalizacion.Runtime.Tests.Hosting;

/// <summary>
/// <c>FOCALIZACION_RELOJ</c> starts a host's clock at an instant, and from there it runs with real
/// time: what a host does later (a retry, a timer) still comes due in a rehearsal.
/// </summary>
public class ClockSettingTests
{
    private const string November = "2026-11-20T09:00:00-03:00";

    private static readonly Instant NovemberInstant = Instant.FromUtc(2026, 11, 20, 12, 0);

    [TestCase(90, "2026-11-20T12:01:30Z")] // it started at the instant given and runs with the real clock: a minute and a half later
    [TestCase(86_400, "2026-11-21T12:00:00Z")] // a day of real time is a day of rehearsal
    public void The_clock_starts_at_the_instant_given_and_runs_with_real_time(int realSeconds, string expected)
    {
        var realTime = new FakeClock(Instant.FromUtc(2031, 5, 4, 8, 0));
        var clock = ClockSetting.Parse(November, realTime).Value;
        realTime.Advance(Duration.FromSeconds(realSeconds));
        Assert.That(clock.GetCurrentInstant(), Is.EqualTo(NodaTime.Text.InstantPattern.General.Parse(expected).Value));
    }

    [Test]
    public void It_never_goes_back_when_the_real_clock_is_set_back()
    {
        var realTime = new FakeClock(Instant.FromUtc(2031, 5, 4, 8, 0));
        var clock = ClockSetting.Parse(November, realTime).Value;
        realTime.Advance(Duration.FromMinutes(10));
        var read = clock.GetCurrentInstant();
        realTime.Reset(realTime.GetCurrentInstant() - Duration.FromMinutes(5));
        Assert.Multiple(() =>
        {
            Assert.That(clock.GetCurrentInstant(), Is.EqualTo(read), "held, not back");
            realTime.Advance(Duration.FromMinutes(6));
            Assert.That(clock.GetCurrentInstant(), Is.EqualTo(read + Duration.FromMinutes(1)), "and on again once real time catches up");
        });
    }

    [Test]
    public async Task With_a_rehearsal_clock_a_failed_effect_is_retried_when_its_delay_has_passed()
    {
        // The audit: with FOCALIZACION_RELOJ the clock stood still, so the retry never came due.
        var handler = new FlakyHandler();
        var realTime = new FakeClock(Instant.FromUtc(2031, 5, 4, 8, 0));
        var clock = ClockSetting.Parse(November, realTime).Value;
        await using var database = await TestDatabase.CreateAsync();
        var runtime = new EngineRuntime(database.Store, clock, TestModule.Create(database.Store, clock, [handler]),
            new RuntimeOptions { FirstRetryDelay = Duration.FromMinutes(1) });
        var (draft, _) = await runtime.Definitions.ImportAsync(Fixtures.Read("tarea-fragil.bpmn"), Actor.Cli("prueba"));
        await runtime.Definitions.PublishAsync(draft!.Id, Actor.Cli("prueba"));
        var id = await runtime.Instances.StartAsync("Tarea_Fragil", new JsonObject { ["region"] = "RM", ["anioPresupuestario"] = 2027 }, Actor.Cli("prueba"));

        await runtime.Outbox.DeliverDueAsync();
        handler.Failing = false;
        realTime.Advance(Duration.FromSeconds(30));
        var early = await runtime.Outbox.DeliverDueAsync();
        realTime.Advance(Duration.FromSeconds(31));
        var retried = await runtime.Outbox.DeliverDueAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(early, Is.Zero, "not before its delay");
            Assert.That(retried, Is.EqualTo(1));
            Assert.That(handler.Calls.Select(c => c.Attempt), Is.EqualTo(new[] { 1, 2 }));
            Assert.That((await runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(clock.GetCurrentInstant(), Is.EqualTo(NovemberInstant + Duration.FromSeconds(61)));
        });
    }
}
