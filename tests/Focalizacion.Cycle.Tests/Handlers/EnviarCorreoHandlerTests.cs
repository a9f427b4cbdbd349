using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Plantillas;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime;
using Focalizacion.Testing;
using MimeKit;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Handlers;

public sealed class EnviarCorreoHandlerTests
{
    // Monday 2 March 2026, 09:00 in Chillán (UTC−3): inside the oficio de inicio's window for budget year 2027.
    private static readonly Instant March2026 = Instant.FromUtc(2026, 3, 2, 12, 0);

    [Test]
    public async Task Oficio_reaches_the_smtp_server_in_utf8_with_text_and_html_to_the_directory_recipients()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, March2026);

        var outputs = await fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None);

        Assert.That(outputs?.ToJsonString(), Is.EqualTo("""{"oficio_oficio_inicio":1}"""));
        var message = sink.Messages().Single();
        Assert.That(message.Subject, Is.EqualTo("Oficio N° 1/2026: inicio de la Focalización Regional 2027 — Ñuble"));
        Assert.That(message.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[]
        {
            "gobernador.nb@gore.ejemplo.invalid", "contraparte.nb@gore.ejemplo.invalid", "director.nb@sercotec.ejemplo.invalid",
        }));
        Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo(MailSettings.DefaultFromAddress));
        // The text and HTML alternatives, and the oficio's PDF attached (OficioPdfMailTests).
        Assert.That(message.Body, Is.InstanceOf<Multipart>());
        Assert.That(((Multipart)message.Body!).First(), Is.InstanceOf<MultipartAlternative>());
        Assert.That(message.BodyParts.Select(p => p.ContentType.MimeType), Is.EqualTo(new[] { "text/plain", "text/html", "application/pdf" }));
        Assert.That(message.TextBody, Does.Contain("para el año presupuestario 2027 en la Región de Ñuble").And.Contain("lunes 2 de marzo de 2026").And.Contain("Gobernador(a) Regional de Ñuble (ficticio)"));
        Assert.That(message.HtmlBody, Does.Contain("<strong>OFICIO N° 1/2026</strong><br>Gerencia General de Sercotec").And.Contain("Región de Ñuble"));
        Assert.That(message.MessageId, Is.EqualTo(MessageIds.For("k1")));

        // On the wire the subject is RFC 2047 encoded words, not raw 8-bit bytes.
        var raw = await File.ReadAllTextAsync(Directory.GetFiles(sink.Folder, "*.eml").Single());
        Assert.That(raw, Does.Match(@"(?m)^Subject: .*=\?utf-8\?[bq]\?").IgnoreCase);

        var row = (await fixture.Records.MailsAsync("NB", 2027)).Single();
        Assert.That((row.State, row.Attempts, row.OficioNumber, row.OficioYear, row.Issuer), Is.EqualTo(("enviado", 1, (int?)1, (int?)2026, "gerencia-general")));
        Assert.That(row.SentAt, Is.EqualTo(March2026));
        Assert.That(row.ServerReply, Does.StartWith("2.0.0 Ok: queued as"));
        Assert.That(row.Recipients.Select(r => r.Role), Is.EqualTo(new[] { "gore-gobernador", "gore-contraparte", "sercotec-director-regional" }));
    }

    [Test]
    public async Task A_retry_resends_with_the_same_message_id_and_number_and_once_recorded_never_sends_again()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, March2026);
        var handler = fixture.Handler("enviar-correo");
        await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None);

        // A crash after the server accepted the message but before the row said so: the outbox redelivers.
        await fixture.Database.ScalarAsync("WITH u AS (UPDATE correos SET estado = 'pendiente' RETURNING 1) SELECT count(*) FROM u");
        fixture.Clock.Advance(Duration.FromMinutes(5));
        var redelivered = await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio(), attempt: 2), CancellationToken.None);
        // And once more after it is recorded as sent.
        var again = await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio(), attempt: 3), CancellationToken.None);

        var messages = sink.Messages();
        Assert.That(messages, Has.Count.EqualTo(2));
        Assert.That(messages.Select(m => m.MessageId).Distinct().Single(), Is.EqualTo(MessageIds.For("k1")));
        Assert.That(messages.Select(m => m.Subject).Distinct().Single(), Does.StartWith("Oficio N° 1/2026"));
        Assert.That(messages.Select(m => m.Date).Distinct().Count(), Is.EqualTo(1), "a retry must not change the Date header");
        Assert.That(redelivered?.ToJsonString(), Is.EqualTo("""{"oficio_oficio_inicio":1}"""));
        Assert.That(again?.ToJsonString(), Is.EqualTo("""{"oficio_oficio_inicio":1}"""));
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM oficios"), Is.EqualTo(1));
        Assert.That(await fixture.Database.ScalarAsync("SELECT intentos FROM correos"), Is.EqualTo(2));
    }

    [Test]
    public async Task Smtp_down_fails_the_attempt_and_records_the_error_then_up_sends_once()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, March2026);
        var handler = fixture.Handler("enviar-correo");
        await sink.StopAsync();

        Assert.That(() => handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None), Throws.Exception);

        var failed = (await fixture.Records.MailsAsync()).Single();
        Assert.That((failed.State, failed.Attempts, failed.SentAt), Is.EqualTo(("pendiente", 1, (Instant?)null)));
        Assert.That(failed.LastError, Is.Not.Null.And.Not.Empty);

        await sink.StartAsync();
        fixture.Clock.Advance(Duration.FromMinutes(1));
        await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio(), attempt: 2), CancellationToken.None);
        await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio(), attempt: 3), CancellationToken.None);

        Assert.That(sink.Messages(), Has.Count.EqualTo(1));
        var sent = (await fixture.Records.MailsAsync()).Single();
        Assert.That((sent.State, sent.Attempts, sent.LastError, sent.OficioNumber), Is.EqualTo(("enviado", 2, (string?)null, (int?)1)));
        Assert.That(sent.SentAt, Is.EqualTo(March2026.Plus(Duration.FromMinutes(1))));
    }

    // Each row: how a template that cannot render came to be in force, and the problem. Before, the
    // oficio number was assigned before rendering, so the failed send consumed number 2.
    [TestCase("sql", "plantilla «oficio-inicio», cuerpo HTML: el rango (1..20000000) tiene 20.000.000 elementos; el máximo es 1.000.")]
    // written into the table by hand, bypassing validation
    [TestCase("saved", "plantilla «oficio-inicio», cuerpo de texto: el texto generado supera los 200.000 caracteres, el máximo por parte.")]
    // saved through the store: within the bound with the sample's 11 days left, past it with the real 13
    public async Task An_oficio_whose_template_cannot_render_consumes_no_number_and_once_fixed_gets_the_next(string how, string problem)
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, March2026);
        var handler = fixture.Handler("enviar-correo");
        var templates = new TemplateStore(fixture.Database.Store, fixture.Clock);
        await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None);
        if (how == "sql")
        {
            await fixture.Database.ExecuteAsync(
                "INSERT INTO plantillas (clave, asunto, html, texto, actualizado_at, actualizado_por) " +
                "VALUES ('oficio-inicio', 'Oficio N° {{ oficio.numero }}', '<p>{% for i in (1..20000000) %}.{% endfor %}</p>', 'Hola', now(), 'sql')");
        }
        else
        {
            var text = $"Oficio N° {{{{ oficio.numero }}}}\n{{% assign b = '{new string('b', 1_000)}' %}}" +
                "{% for i in (1..plazo.dias_restantes) %}{% for j in (1..16) %}{{ b }}{% endfor %}{% endfor %}";
            await templates.SaveAsync(new MailTemplate(TemplateKeys.OficioInicio, "Oficio N° {{ oficio.numero }}", "<p>Oficio</p>", text), Actor.Cli("admin"));
        }

        var error = Assert.ThrowsAsync<CycleException>(() => handler.HandleAsync(CycleFixture.Request("k2", CycleFixture.OficioInicio()), CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo(problem));
        Assert.That(await fixture.Database.ScalarAsync("SELECT ultimo FROM oficio_series"), Is.EqualTo(1));
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM oficios"), Is.EqualTo(1));
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM correos WHERE idempotency_key = 'k2'"), Is.Zero);

        // Fixed: the retry of the same task gets the next number, with no gap.
        await templates.RevertAsync(TemplateKeys.OficioInicio);
        var outputs = await handler.HandleAsync(CycleFixture.Request("k2", CycleFixture.OficioInicio(), attempt: 2), CancellationToken.None);

        Assert.That(outputs?.ToJsonString(), Is.EqualTo("""{"oficio_oficio_inicio":2}"""));
        Assert.That(sink.Messages().Select(m => m.Subject?[..18]), Is.EqualTo(new[] { "Oficio N° 1/2026: ", "Oficio N° 2/2026: " }));
        Assert.That(await fixture.Database.ScalarAsync("SELECT ultimo FROM oficio_series"), Is.EqualTo(2));
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM oficios WHERE numero IN (1, 2)"), Is.EqualTo(2));
    }

    [Test]
    public async Task Reminder_shows_the_deadline_and_days_left_and_has_no_oficio_number()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        // Thursday 5 November 2026, 10:00 in Chillán: the preliminary is due Sunday 15 November.
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, Instant.FromUtc(2026, 11, 5, 13, 0));
        var settings = new Dictionary<string, string>
        {
            ["tipo"] = "recordatorio",
            ["hito"] = "focalizacion-preliminar",
            ["plantilla"] = "recordatorio",
            ["destinatarios"] = "gore-contraparte central-gerencia-regiones",
        };

        var outputs = await fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("r1", settings), CancellationToken.None);

        Assert.That(outputs, Is.Null);
        var message = sink.Messages().Single();
        Assert.That(message.Subject, Does.EndWith("— Ñuble, vence el domingo 15 de noviembre de 2026"));
        Assert.That(message.TextBody, Does.Contain("Esta etapa corresponde al Gobierno Regional de Ñuble. El plazo vence el domingo 15 de noviembre de 2026 (quedan 10 días)."));
        Assert.That(message.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "contraparte.nb@gore.ejemplo.invalid", "gerencia.regiones@sercotec.ejemplo.invalid" }));
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM oficios"), Is.EqualTo(0));
        // A reminder is not an oficio: no PDF attached, none archived.
        Assert.That(message.Attachments, Is.Empty);
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM documentos"), Is.EqualTo(0));
    }

    [Test]
    public async Task A_reminder_of_a_plazo_an_admin_added_is_described_and_dated_from_the_definition()
    {
        // An admin's version names its own plazo ("sesion-de-trabajo", 30 September): the reminder
        // for it describes it by its timer's name and shows its date, as the plan reads it.
        var xml = System.Text.Encoding.UTF8.GetString(Focalizacion.Cycle.Workflow.ShippedWorkflow.Bpmn.Span).Replace(
            "<bpmn:boundaryEvent id=\"VenceMontos\" name=\"Vence el primer día hábil de diciembre\" attachedToRef=\"EsperaMontos\" cancelActivity=\"false\" foc:plazo=\"montos-preliminares\">",
            "<bpmn:boundaryEvent id=\"VenceMontos\" name=\"Segunda sesión de trabajo GORE y Dirección Regional\" attachedToRef=\"EsperaMontos\" cancelActivity=\"false\" foc:plazo=\"sesion-de-trabajo\">",
            StringComparison.Ordinal).Replace(">primer día hábil de diciembre</bpmn:timeDate>", ">30 de septiembre</bpmn:timeDate>", StringComparison.Ordinal)
            .Replace("del plazo montos-preliminares, a las 09:00", "del plazo sesion-de-trabajo, a las 09:00", StringComparison.Ordinal);
        var catalog = CycleRuntime.Module(new Focalizacion.Runtime.Persistence.Store(TestDatabase.ServerConnectionString), NodaTime.SystemClock.Instance,
            HolidayCalendar.RulesOnly, new MailSettings(), new MailSettings().CreateTransport()).Catalog();
        var imported = BpmnImporter.Import(xml, catalog);
        Assert.That(imported.Problems, Is.Empty);
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, Instant.FromUtc(2026, 9, 16, 13, 0));
        var settings = new Dictionary<string, string>
        {
            ["tipo"] = "recordatorio",
            ["hito"] = "sesion-de-trabajo",
            ["plantilla"] = "recordatorio",
            ["destinatarios"] = "gore-contraparte",
        };

        await fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("s1", settings, definition: imported.Definition), CancellationToken.None);

        var message = sink.Messages().Single();
        Assert.That(message.Subject, Is.EqualTo("Recordatorio: Segunda sesión de trabajo GORE y Dirección Regional — Ñuble, vence el miércoles 30 de septiembre de 2026"));
    }

    [Test]
    public async Task Observaciones_deadline_counts_15_calendar_days_from_the_recorded_event()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, Instant.FromUtc(2026, 11, 12, 13, 0));
        var settings = new Dictionary<string, string>
        {
            ["tipo"] = "oficio",
            ["hito"] = "observaciones-sercotec",
            ["plantilla"] = "observaciones-sercotec",
            ["destinatarios"] = "gore-gobernador",
            ["emisor"] = "direccion-regional",
        };
        var variables = new JsonObject
        {
            ["region"] = "NB",
            ["anioPresupuestario"] = 2027,
            ["eventos"] = new JsonObject { ["focalizacion-preliminar-recibida"] = "2026-11-10" },
        };

        var outputs = await fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("o1", settings, variables), CancellationToken.None);

        Assert.That(outputs?.ToJsonString(), Is.EqualTo("""{"oficio_observaciones_sercotec":1}"""));
        var message = sink.Messages().Single();
        // 10 November + 15 días corridos = Wednesday 25 November 2026.
        Assert.That(message.TextBody, Does.Contain("que vence el miércoles 25 de noviembre de 2026"));
        Assert.That(message.TextBody, Does.Contain("Dirección Regional de Sercotec Ñuble"));
        Assert.That((await fixture.Records.MailsAsync()).Single().Issuer, Is.EqualTo("direccion-regional-NB"));
    }

    [Test]
    public async Task A_role_nobody_holds_fails_with_a_spanish_message_and_sends_nothing()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, March2026);
        await new Focalizacion.Cycle.Directorio.RecipientDirectory(fixture.Database.Store).RemoveRoleAsync("NB", CycleRoles.Contraparte);

        var error = Assert.ThrowsAsync<CycleException>(() => fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("El directorio no tiene a nadie con el rol «gore-contraparte» para la región NB"));
        Assert.That(sink.Messages(), Is.Empty);
    }

    [Test]
    public async Task Pickup_folder_mode_writes_one_eml_per_key_even_when_retried()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var fixture = await CycleFixture.CreateAsync(new MailSettings { PickupFolder = folder }, March2026);
            var handler = fixture.Handler("enviar-correo");
            await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None);
            // A crash before the row said 'enviado': the retry writes the same file again, not a second one.
            await fixture.Database.ScalarAsync("WITH u AS (UPDATE correos SET estado = 'pendiente' RETURNING 1) SELECT count(*) FROM u");
            await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio(), attempt: 2), CancellationToken.None);
            await handler.HandleAsync(CycleFixture.Request("k2", CycleFixture.OficioInicio()), CancellationToken.None);

            var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
            Assert.That(files, Is.EqualTo(new[] { MessageIds.FileName(MessageIds.For("k1")), MessageIds.FileName(MessageIds.For("k2")) }.Order()));
            var first = await MimeMessage.LoadAsync(Path.Combine(folder, MessageIds.FileName(MessageIds.For("k1"))));
            Assert.That(first.Subject, Is.EqualTo("Oficio N° 1/2026: inicio de la Focalización Regional 2027 — Ñuble"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
