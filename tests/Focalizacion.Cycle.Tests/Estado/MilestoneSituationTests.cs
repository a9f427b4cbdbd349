using Focalizacion.Calendar.Cycle;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Estado;
using Focalizacion.Engine.Execution;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Estado;

/// <summary>The board's rule: which state a milestone is in, and the days left or late, in the region's zone.</summary>
[TestFixture]
public sealed class MilestoneSituationTests
{
    private static readonly Region Nuble = RegionRegistry.ByIsoSuffix("NB");
    private static readonly Region Magallanes = RegionRegistry.ByIsoSuffix("MA");
    private static readonly CycleMilestone Final = Decreto246Cycle.Milestones.Single(m => m.Key == "focalizacion-final");

    /// <summary>30 December 2026, the final's deadline, without a time: overdue from 31 December 00:00 in <paramref name="region"/>'s zone.</summary>
    private static Plazo Deadline(Region region) => new(new LocalDate(2026, 12, 30), new LocalDate(2026, 12, 30), false, null, region.Zone);

    private static MilestoneSituation At(string local, MilestoneStanding milestone, InstanceStatus? status = InstanceStatus.Running, Region? region = null)
    {
        var zone = (region ?? Nuble).Zone;
        var now = NodaTime.Text.LocalDateTimePattern.GeneralIso.Parse(local).Value.InZoneLeniently(zone).ToInstant();
        return MilestoneSituation.Of(milestone, status, now, HolidayCalendar.RulesOnly.BusinessDays(region ?? Nuble));
    }

    private static MilestoneStanding Pending(Region region) => new(Final, Deadline(region), null, null, false, false);

    [Test]
    public void A_pending_milestone_counts_calendar_and_business_days_after_today()
    {
        // Monday 21 December 2026: 9 calendar days to Wednesday 30; business days 22, 23, 24, 28, 29, 30 (25 is Christmas).
        var situation = At("2026-12-21T10:00:00", Pending(Nuble));
        Assert.That((situation.State, situation.CalendarDaysLeft, situation.BusinessDaysLeft), Is.EqualTo((MilestoneState.Pendiente, 9, 6)));
    }

    [Test]
    public void On_the_deadline_day_it_is_due_today_until_midnight_in_the_regions_zone()
    {
        Assert.Multiple(() =>
        {
            Assert.That(At("2026-12-30T23:59:00", Pending(Nuble)).State, Is.EqualTo(MilestoneState.VenceHoy));
            Assert.That(At("2026-12-31T00:00:00", Pending(Nuble)).State, Is.EqualTo(MilestoneState.Vencido));
            // The day ends at midnight in the region's own zone.
            Assert.That(At("2026-12-30T23:30:00", Pending(Magallanes), region: Magallanes).State, Is.EqualTo(MilestoneState.VenceHoy));
        });
    }

    [Test]
    public void Past_its_deadline_it_is_overdue_while_the_cycle_waits_and_without_record_once_it_went_on()
    {
        var flagged = Pending(Nuble) with { FlaggedAtStart = true };
        Assert.Multiple(() =>
        {
            Assert.That(At("2027-01-02T09:00:00", Pending(Nuble)).State, Is.EqualTo(MilestoneState.Vencido));
            Assert.That(At("2027-01-02T09:00:00", Pending(Nuble), InstanceStatus.Completed).State, Is.EqualTo(MilestoneState.VencidoSinRegistro));
            Assert.That(At("2027-01-02T09:00:00", flagged).State, Is.EqualTo(MilestoneState.VencidoSinRegistro));
        });
    }

    [Test]
    public void Done_is_done_with_how_late_and_an_ended_cycle_does_not_need_the_rest()
    {
        var late = Pending(Nuble) with { DoneOn = new LocalDate(2027, 1, 2), DoneHow = "evento registrado" };
        var onTime = Pending(Nuble) with { DoneOn = new LocalDate(2026, 12, 29) };
        var noDeadlineYet = new MilestoneStanding(Final, null, null, null, false, false);
        Assert.Multiple(() =>
        {
            Assert.That((At("2027-01-05T09:00:00", late).State, At("2027-01-05T09:00:00", late).DaysLate), Is.EqualTo((MilestoneState.Cumplido, 3)));
            Assert.That(At("2027-01-05T09:00:00", onTime).DaysLate, Is.Zero);
            Assert.That(At("2026-12-01T09:00:00", Pending(Nuble), InstanceStatus.Completed).State, Is.EqualTo(MilestoneState.NoAplica));
            Assert.That(At("2026-12-01T09:00:00", noDeadlineYet).State, Is.EqualTo(MilestoneState.Pendiente));
            Assert.That(At("2026-12-01T09:00:00", noDeadlineYet, InstanceStatus.Cancelled).State, Is.EqualTo(MilestoneState.NoAplica));
        });
    }

    [Test]
    public void Every_state_has_one_name_and_a_key_that_reads_back()
    {
        Assert.That(MilestoneSituation.States.Select(MilestoneSituation.Name),
            Is.EqualTo(new[] { "cumplido", "pendiente", "vence hoy", "vencido", "vencido sin registro", "no aplica" }));
        Assert.That(MilestoneSituation.States.Select(s => MilestoneSituation.FromKey(MilestoneSituation.Key(s))), Is.EqualTo(MilestoneSituation.States));
        Assert.That(MilestoneSituation.FromKey("perdido"), Is.Null);
    }
}
