using System.Text.Json.Nodes;
using Focalizacion.Engine.Execution;
using NodaTime;

namespace Focalizacion.Runtime.Tests.Instances;

public class InstanceLifecycleTests
{
    [Test]
    public async Task A_message_in_time_completes_the_instance_and_each_effect_happens_once()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync(); // delivers the oficio effect
        harness.Clock.Advance(Duration.FromDays(5));
        var outcome = await harness.SendAsync("NB", 2027, "documento-recibido", new JsonObject { ["folio"] = 12 }, "gore-nb");
        await harness.Driver.RunUntilAsync(Harness.Start + Duration.FromDays(60));
        var state = await harness.Runtime.Instances.StateAsync(id);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.True, outcome.Refusal);
            Assert.That(state!.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(state.Variables["folio"]!.GetValue<int>(), Is.EqualTo(12));
            Assert.That(state.Events["documento-recibido"], Is.EqualTo(new LocalDate(2026, 3, 7)));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM effect_ledger"), Is.EqualTo(1), "only the oficio");
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM timers WHERE state = 'Cancelled'"), Is.EqualTo(2));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM journal WHERE actor = 'gore-nb' AND kind = 'mensaje-recibido'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Without_the_message_the_reminder_and_the_deadline_fire_in_order_once()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.RunUntilAsync(Harness.Start + Duration.FromDays(365));
        var fired = new List<(string Node, Instant FiredAt)>();
        await using (var db = harness.Database.Store.Open())
        {
            fired.AddRange(db.Timers.Where(t => t.FiredAt != null).OrderBy(t => t.FiredAt).AsEnumerable().Select(t => (t.NodeId, t.FiredAt!.Value)));
        }
        Assert.Multiple(async () =>
        {
            Assert.That(fired, Is.EqualTo(new[] { ("Recordar", Harness.Start + Duration.FromDays(20)), ("Vence", Harness.Start + Duration.FromDays(30)) }));
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM effect_ledger"), Is.EqualTo(3), "oficio, recordatorio, aviso");
        });
    }

    [Test]
    public async Task A_message_nobody_waits_for_gets_a_clear_refusal_and_changes_nothing()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        var early = await harness.SendAsync("NB", 2027, "documento-recibido", null, "gore-nb"); // still sending the oficio
        var noInstance = await harness.SendAsync("AP", 2027, "documento-recibido", null, "gore-ap");
        var unknown = await harness.Runtime.Instances.SendMessageAsync(Guid.NewGuid(), "documento-recibido", null, Actor.Cli("gore"));
        Assert.Multiple(async () =>
        {
            Assert.That(early.Refusal, Is.EqualTo("ninguna espera del mensaje «documento-recibido» está abierta en esta instancia"));
            Assert.That(noInstance.Refusal, Does.Contain("no hay una instancia en curso de AP/2027"));
            Assert.That(unknown.Refusal, Does.StartWith("no existe la instancia"));
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE kind = 'evento-rechazado' AND instance_id = '{id}'"), Is.EqualTo(1));
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Events, Is.Empty);
        });
    }

    [Test]
    public async Task Concurrent_messages_to_one_instance_apply_exactly_once()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => harness.SendAsync("NB", 2027, "documento-recibido", new JsonObject { ["quien"] = i }, $"envio-{i}"))));
        Assert.That(outcomes.Count(o => o.Applied), Is.EqualTo(1));
        Assert.That(outcomes.Where(o => !o.Applied).Select(o => o.Refusal), Is.All.Contains("la instancia ya terminó").Or.Contains("ninguna espera").Or.Contains("no hay una instancia en curso"));
    }

    [Test]
    public async Task A_suspended_instance_keeps_its_due_timer_until_resumed()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        await harness.Runtime.Instances.SuspendAsync(id, Actor.Cli("operador"));
        harness.Clock.Advance(Duration.FromDays(25));
        await harness.Driver.SettleAsync();
        Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM timers WHERE state = 'Fired'"), Is.Zero);
        await harness.Runtime.Instances.ResumeAsync(id, Actor.Cli("operador"));
        await harness.Driver.SettleAsync();
        Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM timers WHERE state = 'Fired' AND node_id = 'Recordar'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_cancels_timers_and_is_journaled_with_the_operator()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var outcome = await harness.Runtime.Instances.CancelAsync(id, Actor.Cli("ana"));
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Applied, Is.True);
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM timers WHERE state = 'Pending'"), Is.Zero);
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM journal WHERE kind = 'instancia-cancelada' AND actor = 'ana' AND via = 'cli'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Bookmarks_show_what_each_instance_waits_for_straight_from_its_state()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var waiting = await harness.Database.ScalarAsync($"SELECT count(*) FROM bookmarks WHERE instance_id = '{id}' AND kind = 'Message' AND key = 'documento-recibido'");
        await harness.SendAsync("NB", 2027, "documento-recibido", null, "gore-nb");
        Assert.Multiple(async () =>
        {
            Assert.That(waiting, Is.EqualTo(1));
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM bookmarks WHERE instance_id = '{id}'"), Is.Zero, "nothing waits once it completed");
        });
    }

    [Test]
    public async Task A_step_whose_writes_fail_leaves_nothing_behind_and_the_next_attempt_applies()
    {
        await using var harness = await Harness.CreateAsync();
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();
        var stepsBefore = await harness.Database.ScalarAsync($"SELECT step_count FROM workflow_instances WHERE id = '{id}'");
        await harness.Database.ExecuteAsync("""
            CREATE FUNCTION fail_message_line() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.kind = 'mensaje-recibido' THEN RAISE EXCEPTION 'escritura fallida a propósito'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER fail_message_line BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION fail_message_line();
            """);
        Assert.ThrowsAsync<Npgsql.PostgresException>(() => harness.Runtime.Instances.SendMessageAsync(id, "documento-recibido", null, Actor.Cli("gore-nb")));
        Assert.Multiple(async () =>
        {
            Assert.That(await harness.Database.ScalarAsync($"SELECT step_count FROM workflow_instances WHERE id = '{id}'"), Is.EqualTo(stepsBefore));
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Events, Is.Empty);
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM timers WHERE state = 'Pending'"), Is.EqualTo(2), "no timer cancelled");
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = '{id}' AND actor = 'gore-nb'"), Is.Zero);
        });
        await harness.Database.ExecuteAsync("DROP TRIGGER fail_message_line ON journal");
        var retried = await harness.Runtime.Instances.SendMessageAsync(id, "documento-recibido", null, Actor.Cli("gore-nb"));
        Assert.Multiple(async () =>
        {
            Assert.That(retried.Applied, Is.True, retried.Refusal);
            Assert.That((await harness.Runtime.Instances.StateAsync(id))!.Status, Is.EqualTo(InstanceStatus.Completed));
        });
    }
}
