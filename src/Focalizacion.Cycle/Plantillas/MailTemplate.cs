namespace Focalizacion.Cycle.Plantillas;

/// <summary>An email template: three Liquid texts rendered against the same <see cref="TemplateModel"/>.</summary>
/// <param name="Key">Its key ("oficio-inicio"), as <c>foc:plantilla</c> names it.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Html">The HTML body; values are HTML-escaped when rendered.</param>
/// <param name="Text">The plain-text body.</param>
public sealed record MailTemplate(string Key, string Subject, string Html, string Text);
