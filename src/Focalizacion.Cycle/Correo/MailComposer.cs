using Focalizacion.Cycle.Directorio;
using Focalizacion.Cycle.Plantillas;
using MimeKit;
using NodaTime;

namespace Focalizacion.Cycle.Correo;

/// <summary>
/// Builds the MIME message: multipart/alternative with the plain-text and HTML bodies in UTF-8
/// (inside multipart/mixed with the attachment when there is one: an oficio's PDF), the subject as
/// RFC 2047 encoded words (MimeKit does it for non-ASCII), and the Message-ID and Date fixed by the
/// idempotency key and the first attempt, so a retry sends the same message.
/// </summary>
public static class MailComposer
{
    /// <param name="settings">The sender.</param>
    /// <param name="idempotencyKey">The email task's key: the Message-ID derives from it.</param>
    /// <param name="recipients">To whom.</param>
    /// <param name="mail">Subject and bodies.</param>
    /// <param name="date">The Date header (the first attempt's).</param>
    /// <param name="attachments">The files to attach (an oficio's PDF, the focalización it applies), in order; none by default.</param>
    public static MimeMessage Compose(
        MailSettings settings, string idempotencyKey, IReadOnlyList<Recipient> recipients, RenderedMail mail, Instant date, IReadOnlyList<MailAttachment>? attachments = null)
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
        var alternative = new MultipartAlternative { text, html };
        if (attachments is not { Count: > 0 })
        {
            message.Body = alternative;
            return message;
        }
        var mixed = new Multipart("mixed") { alternative };
        foreach (var attachment in attachments)
        {
            mixed.Add(new MimePart(ContentType.Parse(attachment.MediaType))
            {
                Content = new MimeContent(new MemoryStream(attachment.Content, writable: false)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = attachment.FileName,
            });
        }
        message.Body = mixed;
        return message;
    }
}

/// <summary>A file attached to an email.</summary>
/// <param name="FileName">Its name ("oficio-12-2026.pdf").</param>
/// <param name="MediaType">Its media type ("application/pdf").</param>
/// <param name="Content">Its bytes.</param>
public sealed record MailAttachment(string FileName, string MediaType, byte[] Content);
