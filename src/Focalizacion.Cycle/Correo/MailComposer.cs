using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Plantillas;
using MimeKit;
using NodaTime;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// Builds the MIME message: multipart/alternative with the plain-text and HTML bodies in UTF-8,
/// the subject as RFC 2047 encoded words (MimeKit does it for non-ASCII), and the Message-ID and
/// Date fixed by the idempotency key and the first attempt, so a retry sends the same message.
/// </summary>
public static class MailComposer
{
    public static MimeMessage Compose(MailSettings settings, string idempotencyKey, IReadOnlyList<Recipient> recipients, RenderedMail mail, Instant date)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(mail);
        var message = new MimeMessage
        {
            MessageId = MessageIds.For(idempotencyKey),
            Subject = mail.Subject,
            Date = date.ToDateTimeOffset(),
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        foreach (var recipient in recipients)
        {
            message.To.Add(new MailboxAddress(recipient.Name, recipient.Address));
        }
        var text = new TextPart("plain") { Text = mail.Text };
        text.ContentType.Charset = "utf-8";
        text.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        var html = new TextPart("html") { Text = mail.Html };
        html.ContentType.Charset = "utf-8";
        html.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        message.Body = new MultipartAlternative { text, html };
        return message;
    }
}
