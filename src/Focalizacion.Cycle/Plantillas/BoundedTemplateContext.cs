using Fluid;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// The Fluid context of one part's render, keeping count of the characters its filters and
/// captures handle, up to <see cref="TemplateLimits.MaxWorkChars"/>.
/// </summary>
internal sealed class BoundedTemplateContext(TemplateOptions options) : TemplateContext(options)
{
    private long _work;

    /// <summary>Adds <paramref name="chars"/> to the work done; past the bound, a <see cref="TemplateLimitException"/>.</summary>
    public void Charge(long chars)
    {
        _work += chars;
        if (_work > TemplateLimits.MaxWorkChars)
        {
            throw new TemplateLimitException(
                $"la plantilla procesa más de {AmountFormat.Grouped(TemplateLimits.MaxWorkChars)} de caracteres entre filtros y capture, el máximo por parte.");
        }
    }
}
