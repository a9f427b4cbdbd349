using System.Text.Json.Nodes;
using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions;

/// <summary>
/// A sequence-flow condition over the instance's variables, in a small side-effect-free language:
/// <c>conforme</c>, <c>!conforme</c>, <c>conforme == true</c>, <c>region != 'MA'</c>,
/// <c>monto &gt;= 1000000 &amp;&amp; tieneAnterior</c>, optionally wrapped in <c>${…}</c> as
/// Camunda Modeler writes it.
/// </summary>
/// <remarks>
/// Nothing in it can execute code. A missing variable is null; a comparison between values of
/// different types is false; a bare variable is true when it is <c>true</c>, a non-zero number or
/// a non-empty string.
/// </remarks>
public abstract record Condition(string Text)
{
    /// <summary>Parses a condition; a failure gives the 1-based position and a Spanish reason.</summary>
    public static Result<Condition> Parse(string text) => ConditionParser.Parse(text);

    /// <summary>Whether the condition holds for these variables.</summary>
    public abstract bool Evaluate(JsonObject variables);
}
