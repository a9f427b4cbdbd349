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
/// kills the process.
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
}
