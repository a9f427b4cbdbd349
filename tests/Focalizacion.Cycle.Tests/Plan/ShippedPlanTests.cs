using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Plan;
using Focalizacion.Cycle.Tests.Handlers;
using Focalizacion.Engine.Definitions;

namespace Focalizacion.Cycle.Tests.Plan;

/// <summary>
/// The shipped workflow is the only source of the cycle's deadlines; the Decreto 246 table is the
/// law's reference. These check that the two say the same, so a wrong edit of either shows.
/// </summary>
public class ShippedPlanTests
{
    private static CyclePlan Shipped => CyclePlan.Of(CycleFixture.Shipped);

    [Test]
    public void The_shipped_workflow_names_every_deadline_of_the_Reglamento_with_its_rule()
    {
        var law = Decreto246Cycle.Milestones.ToDictionary(m => m.Key, m => m.Rule);
        var shipped = Shipped.Milestones.ToDictionary(m => m.Key, m => m.Rule);
        Assert.That(shipped, Is.EquivalentTo(law));
    }

    [Test]
    public void Each_legal_window_opens_on_the_day_the_Reglamento_says()
    {
        // The workflow opens the windows at nine and rolls a non-business first day forward; the day is the law's.
        foreach (var legal in Decreto246Cycle.Milestones)
        {
            var window = Shipped.Milestone(legal.Key)!.WindowStart;
            Assert.That(window?.Anchor, Is.EqualTo(legal.WindowStart?.Anchor), legal.Key);
        }
    }

    [Test]
    public void The_events_the_cycle_records_are_the_messages_its_waits_receive()
    {
        // Every receive task, with the milestone it names; those a deadline is attached to name the deadline's plazo.
        var waits = Shipped.Definition.Nodes.Values.OfType<ReceiveTask>().ToDictionary(r => r.Message, r => r.Settings[CycleNodeSettings.Milestone]);
        var withDeadline = Shipped.Milestones.Where(m => Shipped.EventOf(m.Key) is not null).ToDictionary(m => Shipped.EventOf(m.Key)!, m => m.Key);
        Assert.Multiple(() =>
        {
            Assert.That(waits, Is.EquivalentTo(CycleEvent.All.ToDictionary(e => e.Name, e => e.Milestone)));
            Assert.That(withDeadline, Is.SubsetOf(waits));
            Assert.That(waits.Keys.Except(withDeadline.Keys), Is.EqualTo(new[] { CycleEvent.RevisionRegistrada }), "only Sercotec's review has no legal deadline");
        });
    }

    [Test]
    public void The_observaciones_count_from_the_preliminary_as_the_workflow_receives_it()
    {
        var observaciones = (DayOffset)Shipped.Milestone("observaciones-sercotec")!.Rule.Anchor;
        Assert.That(observaciones.Key, Is.EqualTo(Shipped.EventOf("focalizacion-preliminar")));
    }
}
