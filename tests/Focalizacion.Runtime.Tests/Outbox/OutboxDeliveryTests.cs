using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using NodaTime;

namespace Focalizacion.Runtime.Tests.Outbox;

public class OutboxDeliveryTests
{
    private static readonly RuntimeOptions Options = new() { MaxAttempts = 4, FirstRetryDelay = Duration.FromMinutes(1), MaxRetryDelay = Duration.FromMinutes(30) };

    private static async Task<(Harness Harness, FlakyHandler Handler, Guid Instance)> StartFlakyAsync()
    {
        var handler = new FlakyHandler();
        var harness = await Harness.CreateAsync([handler], Options, "tarea-fragil.bpmn");
        var id = await harness.Runtime.Instances.StartAsync("Tarea_Fragil", new JsonObject { ["region"] = "RM", ["anioPresupuestario"] = 2027 }, Actor.Cli("prueba"));
        return (harness, handler, id);
    }

    [Test]
    public async Task A_failing_handler_is_retried_with_growing_delays_then_becomes_an_incident()
    {
        var (harness, handler, id) = await StartFlakyAsync();
        await using var _ = harness;
        await harness.Driver.RunUntilAsync(Harness.Start + Duration.FromDays(1));
        var incidents = await harness.Runtime.Incidents.OpenAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(handler.Calls.Select(c => c.Attempt), Is.EqualTo(new[] { 1, 2, 3, 4 }), "bounded: MaxAttempts, then stop");
            Assert.That(handler.Calls.Select(c => c.Key).Distinct().Count(), Is.EqualTo(1), "every retry carries the same idempotency key");
            Assert.That(incidents, Has.Count.EqualTo(1));
            Assert.That(incidents[0].Reason, Does.Contain("servidor de correo no disponible"));
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Running), "nothing is lost meanwhile");
            // Delays 1, 2 and 4 minutes after the first three failures.
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM journal WHERE kind = 'efecto-fallido'"), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task An_operator_retry_delivers_once_and_the_instance_goes_on()
    {
        var (harness, handler, id) = await StartFlakyAsync();
        await using var _ = harness;
        await harness.Driver.RunUntilAsync(Harness.Start + Duration.FromDays(1));
        handler.Failing = false;
        var incident = (await harness.Runtime.Incidents.OpenAsync()).Single();
        var outcome = await harness.Runtime.Incidents.RetryAsync(incident.Id, Actor.Cli("luis"));
        await harness.Driver.SettleAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.True);
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(handler.Calls, Has.Count.EqualTo(5));
            Assert.That(await harness.Runtime.Incidents.OpenAsync(), Is.Empty);
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM journal WHERE actor = 'luis' AND via = 'cli' AND kind = 'incidente-reintentado'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_operator_skip_moves_the_instance_on_without_the_effect()
    {
        var (harness, handler, id) = await StartFlakyAsync();
        await using var _ = harness;
        await harness.Driver.RunUntilAsync(Harness.Start + Duration.FromDays(1));
        var incident = (await harness.Runtime.Incidents.OpenAsync()).Single();
        await harness.Runtime.Incidents.SkipAsync(incident.Id, Actor.Cli("luis"));
        await harness.Driver.RunUntilAsync(Harness.Start + Duration.FromDays(2));
        Assert.Multiple(async () =>
        {
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(handler.Calls, Has.Count.EqualTo(4), "skipping never calls the handler again");
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM outbox WHERE state = 'Skipped'"), Is.EqualTo(1));
            Assert.That(async () => await harness.Runtime.Incidents.SkipAsync(incident.Id, Actor.Cli("luis")), Throws.Nothing);
        });
    }

    [Test]
    public async Task The_outcome_of_an_effect_whose_instance_this_runtime_stepped_is_recorded_in_one_round_trip()
    {
        var (harness, handler, id) = await StartFlakyAsync();
        await using var _ = harness;
        handler.Failing = false;
        await harness.Driver.SettleAsync();
        Assert.Multiple(async () =>
        {
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(harness.Runtime.Steps.OneTripSteps, Is.EqualTo(1), "the start left the state in the cache; the outcome was stepped on it");
            Assert.That(harness.Runtime.Steps.VersionConflicts, Is.Zero);
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM outbox WHERE state = 'Delivered'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_effect_withdrawn_outside_the_engine_while_its_handler_ran_is_not_applied_from_the_cached_state()
    {
        var (harness, handler, id) = await StartFlakyAsync();
        await using var _ = harness;
        handler.Failing = false;
        // An operator's repair straight in SQL: the entry changes, its instance's row does not (its version guard passes).
        handler.WhileRunning = request => harness.Database.ExecuteAsync($"UPDATE outbox SET state = 'Withdrawn' WHERE idempotency_key = '{request.Key}'");
        await harness.Driver.SettleAsync();
        var state = await harness.Runtime.Instances.StateAsync(id);
        Assert.Multiple(async () =>
        {
            Assert.That(state!.Status, Is.EqualTo(InstanceStatus.Running), "nobody waits for a withdrawn effect's outcome");
            Assert.That(state.Tokens.Single().NodeId, Is.EqualTo("Enviar"));
            Assert.That(harness.Runtime.Steps.OneTripSteps, Is.Zero, "the entry's guard refused the one-trip step");
            Assert.That(harness.Runtime.Steps.VersionConflicts, Is.Zero, "the instance's state was still good");
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM outbox WHERE state = 'Withdrawn'"), Is.EqualTo(1));
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = '{id}' AND kind = 'efecto-entregado'"), Is.Zero);
        });
    }
}
