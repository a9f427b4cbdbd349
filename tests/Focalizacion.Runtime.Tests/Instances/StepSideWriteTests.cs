using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Instances;

namespace Focalizacion.Runtime.Tests.Instances;

/// <summary>
/// A host's record that an event carries commits in the event's step: written when the instance
/// takes the event, whether stepped from the cached state or under lock, and not written when it
/// refuses it, nor when the step's commit fails.
/// </summary>
public class StepSideWriteTests
{
    private static StepSideWrite Note(string text) => new("INSERT INTO anotaciones (texto) VALUES ($1)", [text]);

    [Test]
    public async Task The_write_commits_with_the_step_that_takes_the_event_and_only_then()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.Database.ExecuteAsync("CREATE TABLE anotaciones (texto text NOT NULL)");
        var cached = await harness.StartAsync("NB");
        var locked = await harness.StartAsync("BI");
        var refusing = await harness.StartAsync("AT");
        await harness.Driver.SettleAsync();
        var received = new MessageReceived("documento-recibido");

        var fromCache = await harness.Runtime.Steps.DeliverAsync(cached, received, Actor.Cli("gore-nb"), [Note("del estado en memoria")]);
        var underLock = await harness.AnotherRuntime(harness.Clock).Steps.DeliverAsync(locked, received, Actor.Cli("gore-bi"), [Note("bajo bloqueo")]);
        var refused = await harness.Runtime.Steps.DeliverAsync(refusing, new MessageReceived("otro-mensaje"), Actor.Cli("gore-at"), [Note("rechazado")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((fromCache.Applied, underLock.Applied, refused.Applied), Is.EqualTo((true, true, false)));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM anotaciones WHERE texto IN ('del estado en memoria', 'bajo bloqueo')"), Is.EqualTo(2));
            Assert.That(await harness.Database.ScalarAsync("SELECT count(*) FROM anotaciones WHERE texto = 'rechazado'"), Is.Zero, "a refused event carries nothing in");
        }
    }

    [Test]
    public async Task A_write_that_fails_leaves_the_event_unrecorded()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.Database.ExecuteAsync("CREATE TABLE anotaciones (texto text NOT NULL CHECK (texto <> 'inválida'))");
        var id = await harness.StartAsync();
        await harness.Driver.SettleAsync();

        Assert.That(async () => await harness.Runtime.Steps.DeliverAsync(id, new MessageReceived("documento-recibido"), Actor.Cli("gore-nb"), [Note("inválida")]),
            Throws.InstanceOf<Npgsql.PostgresException>());
        var state = await harness.Runtime.Instances.StateAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state!.Status, Is.EqualTo(InstanceStatus.Running), "the step is not committed without its record");
            Assert.That(await harness.Database.ScalarAsync($"SELECT count(*) FROM journal WHERE instance_id = '{id}' AND kind = 'mensaje-recibido'"), Is.Zero);
        }
        Assert.That((await harness.Runtime.Steps.DeliverAsync(id, new MessageReceived("documento-recibido"), Actor.Cli("gore-nb"), [Note("válida")])).Applied, Is.True,
            "the event is still awaited, and taken with a record that commits");
    }
}
