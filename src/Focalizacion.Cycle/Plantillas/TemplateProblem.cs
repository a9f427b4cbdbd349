namespace Focalizacion.Cycle.Plantillas;

/// <summary>Why one part of a template cannot be saved.</summary>
/// <param name="Field">The part, as the template's JSON names it: <c>asunto</c>, <c>html</c> or <c>texto</c>.</param>
/// <param name="Message">Spanish, naming the template, the part and, where there is one, the line and column.</param>
public sealed record TemplateProblem(string Field, string Message)
{
    public override string ToString() => Message;
}
