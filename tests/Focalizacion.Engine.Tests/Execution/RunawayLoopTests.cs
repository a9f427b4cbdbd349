using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Execution;

namespace Focalizacion.Engine.Tests.Execution;

/// <summary>
/// The importer refuses cycles that never wait; a definition built without it still cannot make a
/// step run for ever: past <see cref="WorkflowEngine.MaxNodeEntriesPerStep"/> node entries, the
/// tokens still moving become incidents.
/// </summary>
public class RunawayLoopTests
{
    private const string Reason = "este paso entró 10.000 veces en nodos sin llegar a ninguna espera; la definición tiene un ciclo sin esperas (corríjala y cancele la instancia)";

    /// <summary>Starts the process on another thread, so that a step that never returns fails the test instead of hanging it.</summary>
    private static TestProcess Started(TestProcess process)
    {
        var start = Task.Run(process.Start);
        Assert.That(start.Wait(TimeSpan.FromMinutes(1)), Is.True, "the first step must return");
        return process;
    }

    [Test]
    public void A_gateway_leading_to_itself_becomes_an_incident()
    {
        var process = Started(new TestProcess()
            .Node(new StartEvent("Inicio", null))
            .Node(new ExclusiveGateway("Vuelta", "Otra vuelta", null))
            .Flow("Inicio", "Vuelta").Flow("Vuelta", "Vuelta"));
        var incident = process.EffectsOf<RaiseIncident>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(incident.NodeId, Is.EqualTo("Vuelta"));
            Assert.That(incident.Reason, Is.EqualTo("Otra vuelta (Vuelta): " + Reason));
            Assert.That(process.State.Status, Is.EqualTo(InstanceStatus.Running));
            Assert.That(process.State.Tokens.Select(t => (t.NodeId, t.Wait)), Is.EqualTo(new[] { ("Vuelta", TokenWait.Incident) }));
            Assert.That(process.EffectsOf<JournalLine>().Count(j => j.Kind == JournalKind.Decision), Is.EqualTo(WorkflowEngine.MaxNodeEntriesPerStep - 1)); // the start event was the first entry
        });
    }

    [Test]
    public void A_fork_looping_back_stops_adding_tokens()
    {
        // Every round forks a token to the user task and one back to the loop: memory grew without end.
        var process = Started(new TestProcess()
            .Node(new StartEvent("Inicio", null))
            .Node(new ExclusiveGateway("Mezcla", null, null))
            .Node(new ParallelGateway("Bifurca", null))
            .Node(new UserTask("Revisar", null))
            .Flow("Inicio", "Mezcla").Flow("Mezcla", "Bifurca").Flow("Bifurca", "Mezcla").Flow("Bifurca", "Revisar"));
        var incidents = process.EffectsOf<RaiseIncident>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(incidents, Is.Not.Empty);
            Assert.That(incidents.Select(i => i.Reason), Has.All.EndsWith(Reason));
            Assert.That(process.State.Tokens, Has.Count.LessThanOrEqualTo(WorkflowEngine.MaxNodeEntriesPerStep));
        });
    }

    [Test]
    public void Retrying_the_incident_stops_again()
    {
        var process = Started(new TestProcess()
            .Node(new StartEvent("Inicio", null))
            .Node(new ExclusiveGateway("Vuelta", null, null))
            .Flow("Inicio", "Vuelta").Flow("Vuelta", "Vuelta"));
        var token = process.EffectsOf<RaiseIncident>().Single().TokenId;
        var retry = Task.Run(() => process.Send(new IncidentRetried(token)));
        Assert.That(retry.Wait(TimeSpan.FromMinutes(1)), Is.True, "the retried step must return");
        Assert.Multiple(() =>
        {
            Assert.That(retry.Result.Applied, Is.True);
            Assert.That(process.EffectsOf<RaiseIncident>().Count(), Is.EqualTo(2));
        });
    }
}
