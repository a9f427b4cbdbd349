using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Execution;
using NodaTime;

namespace Focalizacion.Engine.Tests.Execution;

/// <summary>
/// Reminders as a series of plazo rules on one non-interrupting boundary event, and notices whose
/// moment passed before the wait began (a cycle started mid-year must not send a burst of them).
/// </summary>
public class ReminderSeriesTests
{
    private const string Series = "30, 14, 7, 2, 1 y 0 días antes del plazo focalizacion-preliminar, a las 09:00";

    // Ñuble, budget year 2027: the preliminary is due on Sunday 15 November 2026 (mainland summer time, UTC−3).
    private static Instant Local(int month, int day, int hour) => Instant.FromUtc(2026, month, day, hour + 3, 0);

    private static TestProcess Preliminary(Instant now) => new TestProcess { Now = now }
        .Node(new StartEvent("Inicio", null))
        .Node(new ReceiveTask("Esperar", "Esperar la preliminar", "focalizacion-preliminar-recibida"))
        .Node(new BoundaryTimerEvent("Recordatorios", null, "Esperar", Interrupting: false, SeriesTimer()))
        .Node(new BoundaryTimerEvent("Vencida", null, "Esperar", Interrupting: false, TestProcess.Plazo("15 de noviembre"))
        {
            Settings = new Dictionary<string, string> { ["plazo"] = "focalizacion-preliminar" }, // what the series counts from
        })
        .Node(new ServiceTask("Recordar", null, "registrar"))
        .Node(new ServiceTask("Avisar", null, "registrar"))
        .Node(new EndEvent("Fin", null, false))
        .Flow("Inicio", "Esperar").Flow("Esperar", "Fin").Flow("Recordatorios", "Recordar").Flow("Recordar", "Fin")
        .Flow("Vencida", "Avisar").Flow("Avisar", "Fin");

    private static TimerDefinition SeriesTimer()
    {
        var definitions = Definitions.Bpmn.ImportProcess(Definitions.Bpmn.Head + Definitions.Bpmn.Wait + Definitions.Bpmn.Tail
            + $"<bpmn:boundaryEvent id='B' attachedToRef='T' cancelActivity='false'><bpmn:timerEventDefinition><bpmn:timeCycle language='plazo'>{Series}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
            + "<bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>"
            // The plazo the series counts from, named in the same definition.
            + "<bpmn:boundaryEvent id='V' attachedToRef='T' cancelActivity='false' foc:plazo='focalizacion-preliminar'><bpmn:timerEventDefinition>"
            + "<bpmn:timeDate language='plazo'>15 de noviembre</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:sequenceFlow id='FV' sourceRef='V' targetRef='E'/>");
        Assert.That(definitions.Problems, Is.Empty);
        return ((BoundaryTimerEvent)definitions.Definition!.Node("B")).Timer;
    }

    private static List<Instant> FireRemindersUntilTheDeadline(TestProcess process)
    {
        var fired = new List<Instant>();
        while (process.State.Timers.FirstOrDefault(t => t.NodeId == "Recordatorios") is { } reminder)
        {
            process.Now = reminder.DueAt;
            Assert.That(process.Send(new TimerFired(reminder.Id)).Applied, Is.True);
            fired.Add(reminder.DueAt);
        }
        return fired;
    }

    [Test]
    public void Every_reminder_fires_at_nine_on_its_day_one_after_the_other()
    {
        var process = Preliminary(Local(3, 2, 9)).Start();
        Assert.That(FireRemindersUntilTheDeadline(process), Is.EqualTo(new[]
        {
            Local(10, 16, 9), Local(11, 1, 9), Local(11, 8, 9), Local(11, 13, 9), Local(11, 14, 9), Local(11, 15, 9),
        }));
        Assert.That(process.State.Timers.Select(t => t.NodeId), Is.EqualTo(new[] { "Vencida" }), "the overdue notice still waits");
    }

    [Test]
    public void A_wait_that_begins_late_only_schedules_the_reminders_still_ahead()
    {
        // The instance starts on 13 November at noon: 30, 14, 7 and 2 days before have passed.
        var process = Preliminary(Local(11, 13, 12)).Start();
        Assert.Multiple(() =>
        {
            Assert.That(FireRemindersUntilTheDeadline(process), Is.EqualTo(new[] { Local(11, 14, 9), Local(11, 15, 9) }));
            Assert.That(process.EffectsOf<JournalLine>().Count(j => j.Kind == JournalKind.NoticeSkipped), Is.EqualTo(4));
        });
    }

    [Test]
    public void A_reminder_fired_late_after_downtime_skips_the_ones_that_passed_meanwhile()
    {
        var process = Preliminary(Local(11, 1, 10)).Start();
        var sevenDays = process.Timer("Recordatorios");
        Assert.That(sevenDays.DueAt, Is.EqualTo(Local(11, 8, 9)));
        process.Now = Local(11, 14, 10); // the service was down from 8 to 14 November
        process.Send(new TimerFired(sevenDays.Id));
        Assert.That(process.Timer("Recordatorios").DueAt, Is.EqualTo(Local(11, 15, 9)), "2 and 1 days before are gone; the day itself is next");
    }

    [Test]
    public void An_overdue_notice_whose_deadline_passed_before_the_wait_began_is_journaled_not_scheduled()
    {
        var process = Preliminary(Local(11, 20, 9)).Start();
        Assert.Multiple(() =>
        {
            Assert.That(process.State.Timers, Is.Empty);
            Assert.That(process.WaitingAt(), Is.EqualTo(new[] { "Esperar" }), "a late preliminary can still arrive");
            Assert.That(process.EffectsOf<JournalLine>().Where(j => j.Kind == JournalKind.NoticeSkipped).Select(j => j.Activity).Distinct().Order(),
                Is.EqualTo(new[] { "Recordatorios", "Vencida" }));
        });
    }

    [Test]
    public void An_interrupting_deadline_already_past_still_fires()
    {
        var process = new TestProcess { Now = Local(12, 31, 9) }
            .Node(new StartEvent("Inicio", null))
            .Node(new ReceiveTask("Esperar", null, "focalizacion-final-recibida"))
            .Node(new BoundaryTimerEvent("Plazo", null, "Esperar", Interrupting: true, TestProcess.Plazo("30 de diciembre")))
            .Node(new EndEvent("Fin", null, false))
            .Node(new EndEvent("Respaldo", null, false))
            .Flow("Inicio", "Esperar").Flow("Esperar", "Fin").Flow("Plazo", "Respaldo")
            .Start();
        var deadline = process.Timer("Plazo");
        Assert.That(deadline.DueAt, Is.EqualTo(Local(12, 31, 0)), "the fallback is due, late, not dropped");
    }

    [Test]
    public void Events_recorded_before_the_start_count_for_plazo_rules_and_reach_handlers()
    {
        var process = new TestProcess { Now = Local(11, 20, 9) }
            .Node(new StartEvent("Inicio", null))
            .Node(new ServiceTask("Observar", null, "registrar"))
            .Node(new BoundaryTimerEvent("Plazo", null, "Observar", Interrupting: true, TestProcess.Plazo("15 días corridos desde el evento focalizacion-preliminar-recibida")))
            .Node(new EndEvent("Fin", null, false))
            .Flow("Inicio", "Observar").Flow("Observar", "Fin").Flow("Plazo", "Fin");
        process.Restart(InstanceState.New(new JsonObject { ["region"] = "NB", ["anioPresupuestario"] = 2027 },
            new Dictionary<string, LocalDate> { ["focalizacion-preliminar-recibida"] = new(2026, 11, 14) }));
        process.Start();
        Assert.Multiple(() =>
        {
            Assert.That(process.Timer("Plazo").DueAt, Is.EqualTo(Local(11, 30, 0)), "14 Nov + 15 días corridos = 29 Nov, overdue from the 30th");
            Assert.That(process.EffectsOf<JournalLine>().Where(j => j.Kind == JournalKind.EventBeforeStart).Select(j => j.Details),
                Is.EqualTo(new[] { "«focalizacion-preliminar-recibida» ocurrió el 2026-11-14, antes del inicio (registrado por quien inició la instancia)" }));
            var variables = process.EffectsOf<InvokeHandler>().Single().Variables;
            Assert.That(variables["eventos"]!["focalizacion-preliminar-recibida"]!.GetValue<string>(), Is.EqualTo("2026-11-14"));
        });
    }
}
