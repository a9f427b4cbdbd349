using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// Fluid's <c>{% capture name %}…{% endcapture %}</c>, collecting at most
/// <see cref="TemplateLimits.MaxValueChars"/> characters: Fluid's own collects without bound, so
/// <c>{% capture s %}{{ s }}{{ s }}{% endcapture %}</c> in a loop doubled a text 24 times.
/// </summary>
internal sealed class BoundedCaptureStatement(string identifier, IReadOnlyList<Statement> statements) : TagStatement(statements)
{
    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        using var captured = new BoundedWriter(TemplateLimits.MaxValueChars,
            $"«{{% capture {identifier} %}}» junta más de {AmountFormat.Grouped(TemplateLimits.MaxValueChars)} caracteres, el máximo por texto.");
        var completion = Completion.Normal;
        foreach (var statement in Statements)
        {
            completion = await statement.WriteToAsync(captured, encoder, context);
            if (completion != Completion.Normal)
            {
                // A break or continue inside the capture flows on to the loop around it, as in Fluid.
                break;
            }
        }
        (context as BoundedTemplateContext)?.Charge(captured.Length);
        // As Fluid's capture: the text was encoded as it was written, so it is not encoded again.
        context.SetValue(identifier, new StringValue(captured.ToString(), false));
        return completion;
    }
}
