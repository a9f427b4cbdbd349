using Focalizacion.Engine.Execution;

namespace Focalizacion.Runtime.Tests.Instances;

/// <summary>
/// A runtime keeps the states it committed last and steps the next event on them in one round
/// trip; the version guard makes a state someone else changed meanwhile count for nothing.
/// </summary>
public class InstanceCacheTests
{
    [Test]
    public async Task An_event_for_an_instance_this_runtime_stepped_takes_the_one_trip_path()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var before = harness.Runtime.Steps.OneTripSteps; // the settle's own, from the state the start left
        var outcome = await harness.Runtime.Instances.SendMessageAsync(id, "documento-recibido", null, Actor.Cli("gore-nb"));
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.True, outcome.Refusal);
            Assert.That(harness.Runtime.Steps.OneTripSteps - before, Is.EqualTo(1));
            Assert.That(harness.Runtime.Steps.VersionConflicts, Is.Zero);
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM timers WHERE state = 'Cancelled'"), Is.EqualTo(2));
            Assert.That(harness.Runtime.Steps.CachedInstances, Is.Zero, "an instance that ended is dropped");
        });
    }

    [Test]
    public async Task A_step_another_process_made_meanwhile_is_seen_and_the_event_is_stepped_on_it()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var other = harness.AnotherRuntime(harness.Clock);
        Assert.That((await other.Instances.SuspendAsync(id, Actor.Cli("operador"))).Applied, Is.True);
        // This runtime's cached state still says Running and waiting for the document.
        var outcome = await harness.Runtime.Instances.SendMessageAsync(id, "documento-recibido", null, Actor.Cli("gore-nb"));
        var state = await harness.Runtime.Instances.StateAsync(id);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.False, "the suspension wins");
            Assert.That(outcome.Refusal, Does.Contain("suspendida"));
            Assert.That(harness.Runtime.Steps.VersionConflicts, Is.EqualTo(1));
            Assert.That(state!.Status, Is.EqualTo(InstanceStatus.Suspended));
            Assert.That(state.Events, Is.Empty);
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = '{id}' AND kind = 'evento-rechazado'"), Is.EqualTo(1),
                "only the refusal stepped on the current state is kept");
        });
        Assert.That((await harness.Runtime.Instances.ResumeAsync(id, Actor.Cli("operador"))).Applied, Is.True, "the fresh state is cached again");
        Assert.That((await harness.Runtime.Instances.SendMessageAsync(id, "documento-recibido", null, Actor.Cli("gore-nb"))).Applied, Is.True);
        Assert.That(harness.Runtime.Steps.VersionConflicts, Is.EqualTo(1));
    }

    [Test]
    public async Task A_step_waiting_on_the_lock_checks_the_version_the_holder_committed()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var before = harness.Runtime.Steps.OneTripSteps;
        await using var holder = await harness.Database.Store.DataSource.OpenConnectionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand($"BEGIN; UPDATE workflow_instances SET updated_at = updated_at WHERE id = '{id}'", holder))
        {
            await hold.ExecuteNonQueryAsync();
        }
        var delivery = harness.Runtime.Instances.SendMessageAsync(id, "documento-recibido", null, Actor.Cli("gore-nb"));
        while (await harness.Database.ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") == 0)
        {
            await Task.Yield(); // until the one-trip step waits for the row the holder has updated
        }
        await using (var commit = new Npgsql.NpgsqlCommand("COMMIT", holder))
        {
            await commit.ExecuteNonQueryAsync();
        }
        var outcome = await delivery;
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.True, outcome.Refusal);
            Assert.That(harness.Runtime.Steps.VersionConflicts, Is.EqualTo(1), "the guard rechecks the row it waited for");
            Assert.That(harness.Runtime.Steps.OneTripSteps - before, Is.Zero);
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
        });
    }

    [Test]
    public async Task An_edit_of_the_row_outside_the_engine_also_outdates_the_cached_state()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        // An operator's repair straight in SQL, which neither bumps step_count nor goes through a step.
        await harness.Database.ExecuteAsync(
            $"UPDATE workflow_instances SET status = 'Suspended', state = jsonb_set(state, '{{status}}', '\"Suspended\"') WHERE id = '{id}'");
        var outcome = await harness.Runtime.Instances.SendMessageAsync(id, "documento-recibido", null, Actor.Cli("gore-nb"));
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.False);
            Assert.That(harness.Runtime.Steps.VersionConflicts, Is.EqualTo(1));
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Events, Is.Empty);
        });
    }

    [Test]
    public async Task The_cache_holds_at_most_its_capacity_and_keeps_the_latest_instances()
    {
        await using var harness = await Harness.CreateAsync(options: new RuntimeOptions { InstanceCacheCapacity = 2 });
        var first = await harness.StartAsync("NB");
        var second = await harness.StartAsync("AP");
        var third = await harness.StartAsync("RM");
        Assert.That(harness.Runtime.Steps.CachedInstances, Is.EqualTo(2));
        await harness.Runtime.Instances.SuspendAsync(first, Actor.Cli("operador")); // not cached: read under lock
        await harness.Runtime.Instances.SuspendAsync(third, Actor.Cli("operador")); // cached
        Assert.Multiple(() =>
        {
            Assert.That(harness.Runtime.Steps.OneTripSteps, Is.EqualTo(1));
            Assert.That(harness.Runtime.Steps.CachedInstances, Is.EqualTo(2));
        });
        await harness.Runtime.Instances.SuspendAsync(second, Actor.Cli("operador")); // evicted by the first's suspension
        Assert.That(harness.Runtime.Steps.OneTripSteps, Is.EqualTo(1));
    }

    [Test]
    public async Task Without_a_cache_every_step_reads_under_lock_and_the_outcome_is_the_same()
    {
        await using var harness = await Harness.CreateAsync(options: new RuntimeOptions { InstanceCacheCapacity = 0 });
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var outcome = await harness.Runtime.Instances.SendMessageAsync(id, "documento-recibido", null, Actor.Cli("gore-nb"));
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.True, outcome.Refusal);
            Assert.That(harness.Runtime.Steps.CachedInstances, Is.Zero);
            Assert.That(harness.Runtime.Steps.OneTripSteps, Is.Zero);
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
        });
    }
}
