namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// A render went past one of <see cref="TemplateLimits"/>. The message is Spanish and says which
/// bound and what crossed it; <see cref="TemplateRenderer"/> adds the template and the part.
/// </summary>
internal sealed class TemplateLimitException(string message) : Exception(message);
