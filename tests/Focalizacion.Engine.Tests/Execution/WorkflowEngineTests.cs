using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Execution;
using NodaTime;

namespace Focalizacion.Engine.Tests.Execution;

public class WorkflowEngineTests
{
    private static TestProcess ServiceTaskThenEnd() => new TestProcess()
        .Node(new StartEvent("Inicio", null))
        .Node(new ServiceTask("Enviar", "Enviar oficio", "enviar-oficio") { Settings = new Dictionary<string, string> { ["plantilla"] = "oficio-inicio" } })
        .Node(new EndEvent("Fin", null, Terminate: false))
        .Flow("Inicio", "Enviar").Flow("Enviar", "Fin");

    [Test]
    public void A_service_task_asks_for_its_handler_and_waits_for_the_effect()
    {
        var process = ServiceTaskThenEnd().Start();
        var call = process.EffectsOf<InvokeHandler>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Handler, Is.EqualTo("enviar-oficio"));
            Assert.That(call.Settings["plantilla"], Is.EqualTo("oficio-inicio"));
            Assert.That(call.Key, Does.StartWith($"{TestProcess.InstanceId:N}/Enviar/"));
            Assert.That(process.State.Status, Is.EqualTo(InstanceStatus.Running));
            Assert.That(process.WaitingAt(), Is.EqualTo(new[] { "Enviar" }));
        });
        var done = process.Send(new EffectCompleted(call.Key, new JsonObject { ["numeroOficio"] = 17 }));
        Assert.Multiple(() =>
        {
            Assert.That(done.Applied, Is.True);
            Assert.That(process.State.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(process.State.Variables["numeroOficio"]!.GetValue<int>(), Is.EqualTo(17));
        });
    }

    [Test]
    public void An_effect_delivered_twice_is_refused_the_second_time()
    {
        var process = ServiceTaskThenEnd().Start();
        var key = process.EffectsOf<InvokeHandler>().Single().Key;
        process.Send(new EffectCompleted(key));
        Assert.That(process.Send(new EffectCompleted(key)).Refusal, Is.EqualTo("la instancia ya terminó"));
    }

    private static TestProcess UserTaskWithDeadlineAndReminder() => new TestProcess()
        .Node(new StartEvent("Inicio", null))
        .Node(new UserTask("Registrar", "Registrar montos"))
        .Node(new BoundaryTimerEvent("Plazo", "Vence el plazo", "Registrar", Interrupting: true, TestProcess.Duration("P15D")))
        .Node(new BoundaryTimerEvent("Recordatorio", null, "Registrar", Interrupting: false, TestProcess.Duration("P10D")))
        .Node(new ServiceTask("Recordar", null, "recordatorio"))
        .Node(new EndEvent("FinRecordatorio", null, false))
        .Node(new EndEvent("Vencido", null, false))
        .Node(new EndEvent("Fin", null, false))
        .Flow("Inicio", "Registrar").Flow("Registrar", "Fin").Flow("Plazo", "Vencido").Flow("Recordatorio", "Recordar").Flow("Recordar", "FinRecordatorio");

    [Test]
    public void Boundary_timers_are_scheduled_when_the_task_starts_waiting()
    {
        var process = UserTaskWithDeadlineAndReminder().Start();
        Assert.Multiple(() =>
        {
            Assert.That(process.Timer("Plazo").DueAt, Is.EqualTo(process.Now + Duration.FromDays(15)));
            Assert.That(process.Timer("Recordatorio").DueAt, Is.EqualTo(process.Now + Duration.FromDays(10)));
            Assert.That(process.EffectsOf<ScheduleTimer>().Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public void A_timer_never_fires_early()
    {
        var process = UserTaskWithDeadlineAndReminder().Start();
        var timer = process.Timer("Plazo");
        process.Now = timer.DueAt - Duration.Epsilon;
        var early = process.Send(new TimerFired(timer.Id));
        Assert.That(early.Refusal, Does.Contain("aún no vence"));
        Assert.That(process.State.Timers, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_non_interrupting_reminder_starts_a_branch_and_the_task_keeps_waiting()
    {
        var process = UserTaskWithDeadlineAndReminder().Start();
        var reminder = process.Timer("Recordatorio");
        process.Now = reminder.DueAt;
        process.Send(new TimerFired(reminder.Id));
        Assert.Multiple(() =>
        {
            Assert.That(process.WaitingAt(), Is.EqualTo(new[] { "Recordar", "Registrar" }));
            Assert.That(process.State.Timers.Select(t => t.NodeId), Is.EqualTo(new[] { "Plazo" }));
            Assert.That(process.Send(new TimerFired(reminder.Id)).Refusal, Does.Contain("ya no está activo"));
        });
    }

    [Test]
    public void An_interrupting_deadline_abandons_the_task()
    {
        var process = UserTaskWithDeadlineAndReminder().Start();
        var deadline = process.Timer("Plazo");
        process.Now = deadline.DueAt + Duration.FromHours(3);
        process.Send(new TimerFired(deadline.Id));
        Assert.Multiple(() =>
        {
            Assert.That(process.State.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(process.EffectsOf<CancelTimer>().Select(c => c.TimerId), Does.Contain(process.EffectsOf<ScheduleTimer>().Single(s => s.Timer.NodeId == "Recordatorio").Timer.Id));
            Assert.That(process.EffectsOf<TimerLateness>().Single().Lateness, Is.EqualTo(Duration.FromHours(3)));
            Assert.That(process.Send(new UserTaskCompleted("Registrar")).Refusal, Is.Not.Null);
        });
    }

    [Test]
    public void Completing_the_task_cancels_its_boundary_timers()
    {
        var process = UserTaskWithDeadlineAndReminder().Start();
        process.Send(new UserTaskCompleted("Registrar", new JsonObject { ["montos"] = 5 }));
        Assert.Multiple(() =>
        {
            Assert.That(process.State.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(process.State.Timers, Is.Empty);
            Assert.That(process.EffectsOf<CancelTimer>().Count(), Is.EqualTo(2));
        });
    }

    private static TestProcess ReceiveThenObservations() => new TestProcess()
        .Node(new StartEvent("Inicio", null))
        .Node(new ReceiveTask("Preliminar", null, "focalizacion-preliminar-recibida"))
        .Node(new UserTask("Observar", null))
        .Node(new BoundaryTimerEvent("PlazoObs", null, "Observar", true, TestProcess.Plazo("15 días corridos desde el evento focalizacion-preliminar-recibida")))
        .Node(new EndEvent("Fin", null, false))
        .Node(new EndEvent("Atrasado", null, false))
        .Flow("Inicio", "Preliminar").Flow("Preliminar", "Observar").Flow("Observar", "Fin").Flow("PlazoObs", "Atrasado");

    [Test]
    public void A_message_records_its_date_and_plazo_rules_count_from_it()
    {
        var process = ReceiveThenObservations().Start();
        Assert.That(process.Send(new MessageReceived("otro-mensaje")).Refusal, Does.Contain("ninguna espera del mensaje «otro-mensaje»"));
        process.Now = Instant.FromUtc(2026, 11, 14, 13, 0); // Saturday 14 Nov 2026, 10:00 in Chillán
        process.Send(new MessageReceived("focalizacion-preliminar-recibida", new JsonObject { ["conforme"] = true }));
        Assert.Multiple(() =>
        {
            Assert.That(process.State.Events["focalizacion-preliminar-recibida"], Is.EqualTo(new LocalDate(2026, 11, 14)));
            // Day 15 is Sunday 29 November: overdue at the start of Monday 30 in Chillán (UTC−3).
            Assert.That(process.Timer("PlazoObs").DueAt, Is.EqualTo(Instant.FromUtc(2026, 11, 30, 3, 0)));
            Assert.That(process.State.Variables["conforme"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public void A_reminder_can_count_from_a_plazo_the_definition_names()
    {
        var process = new TestProcess()
            .Node(new StartEvent("Inicio", null))
            .Node(new UserTask("Entregar", null))
            .Node(new BoundaryTimerEvent("PlazoEntrega", null, "Entregar", true, TestProcess.Plazo("20 de octubre"))
            {
                Settings = new Dictionary<string, string> { ["plazo"] = "entrega-propia" },
            })
            .Node(new BoundaryTimerEvent("Aviso", null, "Entregar", false, TestProcess.Plazo("2 días hábiles antes del plazo entrega-propia, a las 09:00")))
            .Node(new EndEvent("Fin", null, false))
            .Flow("Inicio", "Entregar").Flow("Entregar", "Fin").Flow("PlazoEntrega", "Fin", id: "f1").Flow("Aviso", "Fin", id: "f2")
            .Start();
        // Tue 20 Oct 2026 minus 2 business days (12 Oct is a holiday, but not in the way) is Fri 16 Oct, 09:00 in Chillán (UTC−3).
        Assert.That(process.Timer("Aviso").DueAt, Is.EqualTo(Instant.FromUtc(2026, 10, 16, 12, 0)));
    }

    [Test]
    public void A_plazo_the_definition_does_not_name_is_not_taken_from_the_law()
    {
        // The Decreto 246 table is the law's reference, not a fallback: a definition that refers to
        // "focalizacion-final" without naming it gets an incident, never the law's 30 December.
        var process = new TestProcess()
            .Node(new StartEvent("Inicio", null))
            .Node(new UserTask("Entregar", null))
            .Node(new BoundaryTimerEvent("AvisoFinal", null, "Entregar", false, TestProcess.Plazo("7 días antes del plazo focalizacion-final, a las 09:00")))
            .Node(new EndEvent("Fin", null, false))
            .Flow("Inicio", "Entregar").Flow("Entregar", "Fin").Flow("AvisoFinal", "Fin", id: "f3")
            .Start();
        Assert.Multiple(() =>
        {
            Assert.That(process.State.Timers, Is.Empty);
            Assert.That(process.EffectsOf<RaiseIncident>().Single().Reason, Does.Contain("no existe el plazo «focalizacion-final»"));
        });
    }

    [Test]
    public void A_timer_computed_from_the_instance_calendar_it_is_given()
    {
        // Magallanes (UTC−3 all year), budget year 2030: the end of 30 December 2029, local midnight.
        var process = new TestProcess
        {
            Calendar = InstanceCalendar.For(HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix("MA")), 2030),
        }
            .Node(new StartEvent("Inicio", null))
            .Node(new TimerCatchEvent("Hasta", null, TestProcess.Plazo("30 de diciembre")))
            .Node(new EndEvent("Fin", null, false))
            .Flow("Inicio", "Hasta").Flow("Hasta", "Fin")
            .Start();
        Assert.That(process.Timer("Hasta").DueAt, Is.EqualTo(Instant.FromUtc(2029, 12, 31, 3, 0)));
    }

    [Test]
    public void A_rule_whose_evaluation_leaves_the_calendar_is_an_incident_not_an_exception()
    {
        // 3,660 business days from 1 December 2099 run past 2101, the calendar's last year: the
        // arithmetic throws, and the step must turn that into this instance's incident.
        var process = new TestProcess
        {
            Calendar = InstanceCalendar.For(HolidayCalendar.RulesOnly.BusinessDays(RegionRegistry.ByIsoSuffix("NB")), 2100),
        }
            .Node(new StartEvent("Inicio", null))
            .Node(new TimerCatchEvent("Lejos", null, TestProcess.Plazo("3660 días hábiles desde el evento x")))
            .Node(new EndEvent("Fin", null, false))
            .Flow("Inicio", "Lejos").Flow("Lejos", "Fin");
        process.Restart(InstanceState.New(new JsonObject(), new Dictionary<string, LocalDate> { ["x"] = new(2099, 12, 1) }));
        var step = process.Send(new Started());
        Assert.Multiple(() =>
        {
            Assert.That(step.Applied, Is.True);
            Assert.That(process.State.Tokens.Single().Wait, Is.EqualTo(TokenWait.Incident));
            Assert.That(process.EffectsOf<RaiseIncident>().Single().Reason, Does.Contain("«3660 días hábiles desde el evento x» no se puede calcular: su fecha queda fuera del calendario del servicio (2020–2101)"));
        });
    }

    [Test]
    public void A_plazo_rule_for_an_instance_without_a_calendar_is_an_incident_naming_what_is_missing()
    {
        var process = new TestProcess { Calendar = InstanceCalendar.ZoneOnly(DateTimeZone.Utc, "falta la región") }
            .Node(new StartEvent("Inicio", null))
            .Node(new TimerCatchEvent("Hasta", null, TestProcess.Plazo("30 de diciembre")))
            .Node(new EndEvent("Fin", null, false))
            .Flow("Inicio", "Hasta").Flow("Hasta", "Fin")
            .Start();
        Assert.That(process.EffectsOf<RaiseIncident>().Single().Reason, Does.Contain("falta la región"));
    }

    [Test]
    public void A_plazo_rule_that_cannot_be_evaluated_blocks_the_token_with_an_incident()
    {
        var process = new TestProcess()
            .Node(new StartEvent("Inicio", null))
            .Node(new UserTask("Observar", null))
            .Node(new BoundaryTimerEvent("PlazoObs", null, "Observar", true, TestProcess.Plazo("15 días corridos desde el evento nunca-recibido")))
            .Node(new EndEvent("Fin", null, false))
            .Flow("Inicio", "Observar").Flow("Observar", "Fin").Flow("PlazoObs", "Fin", id: "f2").Start();
        var incident = process.EffectsOf<RaiseIncident>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(incident.Reason, Does.Contain("falta la fecha del evento «nunca-recibido»"));
            Assert.That(process.State.Tokens.Single().Wait, Is.EqualTo(TokenWait.Incident));
            Assert.That(process.State.Status, Is.EqualTo(InstanceStatus.Running));
        });
    }

    private static TestProcess Decision() => new TestProcess()
        .Node(new StartEvent("Inicio", null))
        .Node(new UserTask("Recibir", null))
        .Node(new ExclusiveGateway("Conforme", "¿Conforme?", DefaultFlow: null))
        .Node(new EndEvent("Aceptada", null, false))
        .Node(new EndEvent("Ajuste", null, false))
        .Flow("Inicio", "Recibir").Flow("Recibir", "Conforme")
        .Flow("Conforme", "Aceptada", new VariableIsTrue("conforme"), "si")
        .Flow("Conforme", "Ajuste", new VariableIsTrue("requiereAjuste"), "no");

    [TestCase("conforme", "Aceptada")] // first condition that holds
    [TestCase("requiereAjuste", "Ajuste")] // the other branch
    public void An_exclusive_gateway_takes_the_first_flow_whose_condition_holds(string variable, string end)
    {
        var process = Decision().Start();
        process.Send(new UserTaskCompleted("Recibir", new JsonObject { [variable] = true }));
        Assert.That(process.EffectsOf<JournalLine>().Where(j => j.Kind == JournalKind.End).Select(j => j.Activity), Is.EqualTo(new[] { end }));
    }

    [Test]
    public void No_matching_flow_and_no_default_is_an_incident_that_a_retry_can_clear()
    {
        var process = Decision().Start();
        process.Send(new UserTaskCompleted("Recibir", new JsonObject()));
        var token = process.State.Tokens.Single();
        Assert.That(token.Wait, Is.EqualTo(TokenWait.Incident));
        Assert.That(process.Send(new IncidentSkipped(token.Id)).Refusal, Does.Contain("no se puede omitir"));
        Assert.That(process.Send(new IncidentRetried(token.Id)).Applied, Is.True);
        Assert.That(process.State.Tokens.Single().Wait, Is.EqualTo(TokenWait.Incident), "still no flow holds");
    }

    [Test]
    public void The_default_flow_is_taken_when_no_condition_holds()
    {
        var process = new TestProcess()
            .Node(new StartEvent("Inicio", null))
            .Node(new ExclusiveGateway("G", null, DefaultFlow: "porDefecto"))
            .Node(new EndEvent("A", null, false)).Node(new EndEvent("B", null, false))
            .Flow("Inicio", "G").Flow("G", "A", new VariableIsTrue("x"), "condicional").Flow("G", "B", null, "porDefecto").Start();
        Assert.That(process.EffectsOf<JournalLine>().Where(j => j.Kind == JournalKind.End).Select(j => j.Activity), Is.EqualTo(new[] { "B" }));
    }

    private static TestProcess ForkJoin() => new TestProcess()
        .Node(new StartEvent("Inicio", null))
        .Node(new ParallelGateway("Division", null))
        .Node(new UserTask("A", null)).Node(new UserTask("B", null))
        .Node(new ParallelGateway("Union", null))
        .Node(new ServiceTask("Despues", null, "registrar"))
        .Node(new EndEvent("Fin", null, false))
        .Flow("Inicio", "Division").Flow("Division", "A").Flow("Division", "B").Flow("A", "Union").Flow("B", "Union")
        .Flow("Union", "Despues").Flow("Despues", "Fin");

    [Test]
    public void A_parallel_join_waits_for_every_branch_and_continues_once()
    {
        var process = ForkJoin().Start();
        Assert.That(process.WaitingAt(), Is.EqualTo(new[] { "A", "B" }));
        process.Send(new UserTaskCompleted("A"));
        Assert.That(process.EffectsOf<InvokeHandler>(), Is.Empty, "one branch is not enough");
        process.Send(new UserTaskCompleted("B"));
        Assert.That(process.EffectsOf<InvokeHandler>().Count(), Is.EqualTo(1));
        Assert.That(process.WaitingAt(), Is.EqualTo(new[] { "Despues" }));
    }

    [Test]
    public void A_terminate_end_event_ends_every_branch_and_cancels_their_timers()
    {
        var process = new TestProcess()
            .Node(new StartEvent("Inicio", null))
            .Node(new ParallelGateway("Division", null))
            .Node(new UserTask("Larga", null))
            .Node(new BoundaryTimerEvent("PlazoLarga", null, "Larga", true, TestProcess.Duration("P30D")))
            .Node(new UserTask("Corta", null))
            .Node(new EndEvent("Termina", null, Terminate: true)).Node(new EndEvent("Fin", null, false))
            .Flow("Inicio", "Division").Flow("Division", "Larga").Flow("Division", "Corta").Flow("Corta", "Termina")
            .Flow("Larga", "Fin").Flow("PlazoLarga", "Fin", id: "f9").Start();
        process.Send(new UserTaskCompleted("Corta"));
        Assert.Multiple(() =>
        {
            Assert.That(process.State.Status, Is.EqualTo(InstanceStatus.Completed));
            Assert.That(process.State.Tokens, Is.Empty);
            Assert.That(process.EffectsOf<CancelTimer>().Count(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Suspended_instances_refuse_events_until_resumed()
    {
        var process = UserTaskWithDeadlineAndReminder().Start();
        process.Send(new Suspended());
        Assert.That(process.Send(new UserTaskCompleted("Registrar")).Refusal, Is.EqualTo("la instancia está suspendida"));
        process.Send(new Resumed());
        Assert.That(process.Send(new UserTaskCompleted("Registrar")).Applied, Is.True);
    }

    [Test]
    public void Cancelling_ends_everything()
    {
        var process = ServiceTaskThenEnd().Start();
        process.Send(new Cancelled());
        Assert.Multiple(() =>
        {
            Assert.That(process.State.Status, Is.EqualTo(InstanceStatus.Cancelled));
            Assert.That(process.EffectsOf<WithdrawHandler>().Count(), Is.EqualTo(1));
            Assert.That(process.Send(new Started()).Refusal, Is.EqualTo("la instancia fue cancelada"));
        });
    }

    [Test]
    public void The_same_inputs_give_the_same_outputs()
    {
        static string Run()
        {
            var process = ForkJoin().Start();
            process.Send(new UserTaskCompleted("B"));
            process.Send(new UserTaskCompleted("A"));
            return JsonSerializer.Serialize(new { process.State.Tokens, Effects = process.Effects.Select(e => e.ToString()) });
        }
        var first = Run();
        var second = Run();
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void A_refused_step_leaves_the_state_untouched()
    {
        var process = UserTaskWithDeadlineAndReminder().Start();
        var before = process.State;
        var result = process.Send(new MessageReceived("nadie-espera"));
        Assert.That(result.State, Is.SameAs(before));
        Assert.That(result.Effects, Is.Empty);
    }
}
