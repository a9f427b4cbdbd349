using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Execution;

namespace Focalizacion.Engine.Tests.Execution;

/// <summary>Data from outside (messages, user tasks) never replaces a variable the host keeps for itself; its handlers' outputs may set them.</summary>
public class ReservedVariablesTests
{
    private static readonly ReservedVariables Cycle = new(["region", "anioPresupuestario"], ["registrado_"]);

    private static TestProcess Waiting() => new TestProcess { Reserved = Cycle }
        .Node(new StartEvent("Inicio", null))
        .Node(new ReceiveTask("Preliminar", null, "focalizacion-preliminar-recibida"))
        .Node(new UserTask("Revisar", null))
        .Node(new ServiceTask("Buscar", null, "buscar"))
        .Node(new EndEvent("Fin", null, false))
        .Flow("Inicio", "Preliminar").Flow("Preliminar", "Revisar").Flow("Revisar", "Buscar").Flow("Buscar", "Fin");

    private static TestProcess Started()
    {
        var process = Waiting();
        process.Restart(InstanceState.New(new JsonObject { ["region"] = "AP", ["anioPresupuestario"] = 2027 }));
        return process.Start();
    }

    [TestCase("region")] // the correlation: Arica's oficios would go to Ñuble's governor
    [TestCase("anioPresupuestario")] // the other half of it
    [TestCase("registrado_focalizacion_final")] // a prefix the host reserves: what its start recorded
    [TestCase("eventos")] // the engine's own, whatever the host reserves
    public void A_message_naming_a_reserved_variable_is_refused_and_changes_nothing(string variable)
    {
        var process = Started();
        var before = process.State;
        var result = process.Send(new MessageReceived("focalizacion-preliminar-recibida", new JsonObject { ["documento"] = "ok", [variable] = "NB" }));
        Assert.Multiple(() =>
        {
            Assert.That(result.Applied, Is.False);
            Assert.That(result.Refusal, Is.EqualTo($"el mensaje «focalizacion-preliminar-recibida» no puede cambiar la variable «{variable}»: es de la instancia y la fijan su inicio o sus tareas de servicio"));
            Assert.That(process.State, Is.SameAs(before));
            Assert.That(process.WaitingAt(), Is.EqualTo(new[] { "Preliminar" }), "still waiting");
        });
    }

    [Test]
    public void A_user_task_naming_a_reserved_variable_is_refused()
    {
        var process = Started();
        Assert.That(process.Send(new MessageReceived("focalizacion-preliminar-recibida", new JsonObject { ["documento"] = "ok" })).Applied, Is.True);
        var result = process.Send(new UserTaskCompleted("Revisar", new JsonObject { ["region"] = "NB" }));
        Assert.Multiple(() =>
        {
            Assert.That(result.Refusal, Is.EqualTo("la tarea Revisar no puede cambiar la variable «region»: es de la instancia y la fijan su inicio o sus tareas de servicio"));
            Assert.That(process.State.Variables["region"]!.GetValue<string>(), Is.EqualTo("AP"));
            Assert.That(process.State.Variables["documento"]!.GetValue<string>(), Is.EqualTo("ok"), "other data merges as before");
        });
    }

    [Test]
    public void The_hosts_own_handlers_may_set_reserved_variables()
    {
        var process = Started();
        process.Send(new MessageReceived("focalizacion-preliminar-recibida"));
        process.Send(new UserTaskCompleted("Revisar"));
        var call = process.EffectsOf<InvokeHandler>().Single();
        var done = process.Send(new EffectCompleted(call.Key, new JsonObject { ["registrado_busqueda"] = true }));
        Assert.Multiple(() =>
        {
            Assert.That(done.Applied, Is.True, done.Refusal);
            Assert.That(process.State.Variables["registrado_busqueda"]!.GetValue<bool>(), Is.True);
        });
    }
}
