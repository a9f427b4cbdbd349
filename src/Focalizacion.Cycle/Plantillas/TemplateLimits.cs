namespace Focalizacion.Cycle.Plantillas;

/// <summary>
/// The bounds an admin-edited template lives within, so that no template can crash, hang or
/// exhaust the service. Each applies to one part (asunto, cuerpo HTML, cuerpo de texto) on its own.
/// </summary>
/// <remarks>
/// The source bounds (<see cref="MaxPartChars"/>, <see cref="MaxNesting"/>,
/// <see cref="MaxExpressionDepth"/>, <see cref="MaxChainPerTag"/>) are checked by a linear scan
/// before Fluid parses anything: its parser and evaluator recurse once per nested block, bracket,
/// filter or and/or, and a few hundred nested <c>{% if %}</c> overflow a thread's stack, which
/// kills the process. The rendering bounds are enforced as the text grows, before the memory is
/// taken: a range is refused before its list is built (Fluid's own builds all of it, about 1 GB
/// for 20 million numbers, before the step limit stops the loop), a filter's result is refused
/// past the bound, and so is a <c>capture</c> or the part's output as soon as it crosses it.
/// </remarks>
public static class TemplateLimits
{
    /// <summary>Characters in one part's source (64 K).</summary>
    public const int MaxPartChars = 65_536;

    /// <summary>Blocks (<c>if</c>, <c>for</c>, <c>case</c>, <c>capture</c>…) open inside one another.</summary>
    public const int MaxNesting = 20;

    /// <summary>Parentheses and brackets open inside one another within one tag.</summary>
    public const int MaxExpressionDepth = 20;

    /// <summary>Filters (<c>|</c>) plus <c>and</c>/<c>or</c> in one tag: each is one more level of recursion.</summary>
    public const int MaxChainPerTag = 50;

    /// <summary>Items in a range such as <c>(1..n)</c>, and in any list a filter makes.</summary>
    public const int MaxListItems = 1_000;

    /// <summary>Characters in any text a filter or a <c>capture</c> makes (a list counts its texts together).</summary>
    public const int MaxValueChars = 200_000;

    /// <summary>Characters one part renders to (after HTML escaping, in the HTML body).</summary>
    public const int MaxOutputChars = 200_000;

    /// <summary>
    /// Characters that filters read and write, and that <c>capture</c> collects, in one part: a
    /// bound on the work of rendering, so that repeating a cheap-looking filter over a long text
    /// cannot keep a send busy for minutes.
    /// </summary>
    public const int MaxWorkChars = 2_000_000;

    /// <summary>Fluid's steps (loop turns and outputs) in one part.</summary>
    public const int MaxSteps = 100_000;
}
