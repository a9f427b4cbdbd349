using System.Security.Cryptography;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Cycle.Correo;
using Focalizacion.Testing;
using MimeKit;
using NodaTime;

namespace Focalizacion.Cycle.Tests.Handlers;

/// <summary>An oficio's email carries its PDF, archived once with its hash, whatever the retries.</summary>
public sealed class OficioPdfMailTests
{
    // Monday 2 March 2026, 09:00 in Chillán: the oficio de inicio for budget year 2027.
    private static readonly Instant March2026 = Instant.FromUtc(2026, 3, 2, 12, 0);

    [Test]
    public async Task The_oficio_s_email_attaches_its_pdf_with_the_same_text_and_archives_it_with_its_hash()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, March2026);

        await fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None);

        var message = sink.Messages().Single();
        var (name, pdf) = Attachment(message);
        Assert.That(name, Is.EqualTo("oficio-1-2026.pdf"));
        var words = PdfText.Normalized(PdfText.Words(pdf));
        Assert.That(words, Does.Contain("GOBIERNO DE CHILE").And.Contain("OFICIO N° 1/2026").And.Contain("lunes 2 de marzo de 2026"));
        // The whole letter of the email's text part, word for word, between the letterhead and the signature block.
        Assert.That(words, Does.Contain(PdfText.Normalized(message.TextBody!)));
        Assert.That(message.TextBody, Does.Contain("Por medio del presente"));

        var archived = await new DocumentArchive(fixture.Database.Store, fixture.Clock).FindAsync(
            await fixture.Database.ScalarAsync("SELECT documento_id FROM oficios WHERE idempotency_key = 'k1'"));
        Assert.That(archived, Is.Not.Null);
        Assert.That((archived!.Region, archived.BudgetYear, archived.Type, archived.Name, archived.MediaType, archived.StoredBy, archived.StoredAt),
            Is.EqualTo(("NB", (int?)2027, DocumentTypes.OficioPdf, "oficio-1-2026.pdf", "application/pdf", "bandeja-de-salida", March2026)));
        Assert.That(archived.Sha256, Is.EqualTo(SHA256.HashData(pdf)));
        Assert.That(archived.Size, Is.EqualTo(pdf.Length));
        Assert.That(await new DocumentArchive(fixture.Database.Store, fixture.Clock).ReadContentAsync(archived.Id), Is.EqualTo(pdf));
    }

    [Test]
    public async Task A_retried_send_the_next_day_attaches_the_same_pdf_and_archives_nothing_more()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, March2026);
        var handler = fixture.Handler("enviar-correo");
        await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None);

        // A crash after the server took the message, before the row said so; the outbox redelivers a day later.
        await fixture.Database.ExecuteAsync("UPDATE correos SET estado = 'pendiente'");
        fixture.Clock.Advance(Duration.FromDays(1));
        await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio(), attempt: 2), CancellationToken.None);

        var messages = sink.Messages();
        Assert.That(messages, Has.Count.EqualTo(2));
        Assert.That(Attachment(messages[1]).Pdf, Is.EqualTo(Attachment(messages[0]).Pdf));
        // The letter is dated when its number was handed out, in the text as in the PDF.
        Assert.That(messages[1].TextBody, Is.EqualTo(messages[0].TextBody).And.Contain("lunes 2 de marzo de 2026"));
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM documentos"), Is.EqualTo(1));
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM oficios WHERE documento_id IS NOT NULL"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_oficio_already_archived_is_attached_from_the_archive_not_rendered_again()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        await using var fixture = await CycleFixture.CreateAsync(new MailSettings { Host = "127.0.0.1", Port = sink.Port }, March2026);
        var handler = fixture.Handler("enviar-correo");
        await handler.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None);
        var archived = await fixture.Database.ScalarAsync("SELECT tamano FROM documentos");

        // Even if the fonts went missing since: the retry never renders, it reads what was archived.
        await fixture.Database.ExecuteAsync("UPDATE correos SET estado = 'pendiente'");
        var broken = CycleHandlersWith(fixture, new MailSettings { Host = "127.0.0.1", Port = sink.Port, PdfFonts = new("/no/existe.ttf", "/no/existe.ttf") });
        await broken.HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio(), attempt: 2), CancellationToken.None);

        Assert.That(Attachment(sink.Messages()[1]).Pdf, Has.Length.EqualTo(archived));
    }

    [Test]
    public async Task Missing_fonts_fail_the_oficio_with_a_spanish_message_and_send_nothing()
    {
        await using var sink = await SmtpSink.StartNewAsync();
        var mail = new MailSettings { Host = "127.0.0.1", Port = sink.Port, PdfFonts = new("/no/existe/DejaVuSans.ttf", "/no/existe/DejaVuSans-Bold.ttf") };
        await using var fixture = await CycleFixture.CreateAsync(mail, March2026);

        var error = Assert.ThrowsAsync<CycleException>(() => fixture.Handler("enviar-correo").HandleAsync(CycleFixture.Request("k1", CycleFixture.OficioInicio()), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("fonts-dejavu-core").And.Contain("/no/existe/DejaVuSans.ttf"));
        Assert.That(sink.Messages(), Is.Empty);
        Assert.That(await fixture.Database.ScalarAsync("SELECT count(*) FROM documentos"), Is.Zero);
    }

    private static Runtime.Handlers.IEffectHandler CycleHandlersWith(CycleFixture fixture, MailSettings mail) =>
        Cycle.Handlers.CycleHandlers.Create(fixture.Database.Store, fixture.Clock, Calendar.Holidays.HolidayCalendar.RulesOnly, mail, mail.CreateTransport()).Single(h => h.Name == "enviar-correo");

    private static (string Name, byte[] Pdf) Attachment(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single();
        Assert.That(part.ContentType.MimeType, Is.EqualTo("application/pdf"));
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        return (part.FileName ?? "", bytes.ToArray());
    }
}
