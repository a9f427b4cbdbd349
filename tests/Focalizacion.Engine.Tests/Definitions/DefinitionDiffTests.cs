using Focalizacion.Engine.Definitions;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>What the comparison of two versions reports: added and removed elements, and each setting that changes on an element both have.</summary>
public class DefinitionDiffTests
{
    private static WorkflowDefinition Load(string body) => Bpmn.ImportProcess(body).Definition ?? throw new AssertionException("the row's process does not import");

    /// <summary>A deadline on the user task T, lasting <paramref name="duration"/>.</summary>
    private static string Timer(string duration) =>
        $"<bpmn:boundaryEvent id='B' attachedToRef='T'><bpmn:timerEventDefinition><bpmn:timeDuration>{duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
        + "<bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>";

    [Test]
    public void A_changed_timer_rule_is_the_only_change_listed()
    {
        var diff = DefinitionDiff.Between(
            Load(Bpmn.Head + Bpmn.Wait + Timer("P30D") + Bpmn.Tail),
            Load(Bpmn.Head + Bpmn.Wait + Timer("P45D") + Bpmn.Tail));
        Assert.Multiple(() =>
        {
            Assert.That(diff.Added, Is.Empty);
            Assert.That(diff.Removed, Is.Empty);
            Assert.That(diff.Changed, Is.EqualTo(new[] { new SettingChange("B", "temporizador", "P30D", "P45D") }));
        });
    }

    [Test]
    public void Elements_only_one_version_has_are_added_or_removed_and_a_renamed_task_is_changed()
    {
        var diff = DefinitionDiff.Between(
            Load(Bpmn.Head + Bpmn.Wait + Timer("P30D") + Bpmn.Tail),
            Load(Bpmn.Head + "<bpmn:userTask id='T' name='Revisar'/>" + Bpmn.Tail));
        Assert.Multiple(() =>
        {
            Assert.That(diff.Added, Is.Empty);
            Assert.That(diff.Removed, Is.EqualTo(new[] { "B", "FB" }));
            Assert.That(diff.Changed, Is.EqualTo(new[] { new SettingChange("T", "nombre", null, "Revisar") }));
            Assert.That(DefinitionDiff.Between(Load(Bpmn.Head + Bpmn.Wait + Bpmn.Tail), Load(Bpmn.Head + Bpmn.Wait + Bpmn.Tail)).IsEmpty, Is.True);
        });
    }
}
