using Focalizacion.Calendar;
using Focalizacion.Engine.Definitions.Conditions;

namespace Focalizacion.Engine.Definitions;

/// <summary>
/// Reads the condition language of <see cref="Condition"/> by recursive descent. Precedence, from
/// tightest: <c>!</c>, comparisons (which do not chain), <c>&amp;&amp;</c>, <c>||</c>.
/// </summary>
internal sealed class ConditionParser
{
    /// <summary>Conditions are one-liners in a modeler's property panel; the limits keep the recursion shallow.</summary>
    internal const int MaxLength = 2000;

    internal const int MaxNesting = 32;

    private readonly string _text;
    private readonly List<ConditionToken> _tokens;
    private int _next;
    private int _nesting;

    private ConditionParser(string text, List<ConditionToken> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    public static Result<Condition> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<Condition>.Fail("la condición está vacía", 1);
        }
        if (text.Length > MaxLength)
        {
            return Result<Condition>.Fail($"la condición es demasiado larga (máximo {MaxLength} caracteres)", MaxLength + 1);
        }
        try
        {
            var root = new ConditionParser(text, ConditionLexer.Tokenize(text)).Whole();
            return Result<Condition>.Ok(root with { Text = text });
        }
        catch (ConditionSyntaxException failure)
        {
            return Result<Condition>.Fail(failure.Message, failure.Position);
        }
    }

    private ConditionNode Whole()
    {
        if (Peek.Kind == TokenKind.End)
        {
            throw Fail(Peek, "la condición está vacía");
        }
        var condition = Or();
        return Peek.Kind switch
        {
            TokenKind.End => condition,
            TokenKind.CloseParen => throw Fail(Peek, "sobra «)»: no hay un paréntesis abierto que cerrar"),
            TokenKind.Identifier or TokenKind.Literal or TokenKind.Not or TokenKind.OpenParen =>
                throw Fail(Peek, $"sobra {Spanish.Quote(Peek.Raw)}: falta un operador (==, !=, <, >, &&, ||) antes"),
            _ => throw Fail(Peek, $"sobra {Spanish.Quote(Peek.Raw)}"),
        };
    }

    private ConditionNode Or()
    {
        int first = _next;
        var left = And();
        while (TryTake(TokenKind.Or))
        {
            var right = And();
            left = new OrCondition(TextFrom(first), left, right);
        }
        return left;
    }

    private ConditionNode And()
    {
        int first = _next;
        var left = Comparison();
        while (TryTake(TokenKind.And))
        {
            var right = Comparison();
            left = new AndCondition(TextFrom(first), left, right);
        }
        return left;
    }

    private ConditionNode Comparison()
    {
        int first = _next;
        var left = Unary();
        if (Peek.Kind != TokenKind.Comparison)
        {
            return left;
        }
        var op = _tokens[_next++].Operator;
        var right = Unary();
        if (Peek.Kind == TokenKind.Comparison)
        {
            throw Fail(Peek, "las comparaciones no se encadenan: únalas con «&&»");
        }
        return new ComparisonCondition(TextFrom(first), left, op, right);
    }

    private ConditionNode Unary()
    {
        int first = _next;
        if (!TryTake(TokenKind.Not))
        {
            return Primary();
        }
        Nest(_tokens[first]);
        var operand = Unary();
        _nesting--;
        return new NotCondition(TextFrom(first), operand);
    }

    private ConditionNode Primary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                _next++;
                return new VariableCondition(token.Raw, token.Raw);
            case TokenKind.Literal:
                _next++;
                return new LiteralCondition(token.Raw, token.Value);
            case TokenKind.OpenParen:
                _next++;
                Nest(token);
                var inner = Or();
                if (!TryTake(TokenKind.CloseParen))
                {
                    throw Fail(Peek, $"falta «)» para cerrar el paréntesis de la posición {token.Position}");
                }
                _nesting--;
                return inner;
            default:
                throw Fail(token, "se esperaba un valor");
        }
    }

    private void Nest(ConditionToken token)
    {
        if (++_nesting > MaxNesting)
        {
            throw Fail(token, $"demasiados paréntesis o «!» anidados (máximo {MaxNesting})");
        }
    }

    private ConditionToken Peek => _tokens[_next];

    private bool TryTake(TokenKind kind)
    {
        if (Peek.Kind != kind)
        {
            return false;
        }
        _next++;
        return true;
    }

    /// <summary>The source text from token <paramref name="first"/> to the last token taken.</summary>
    private string TextFrom(int first) => _text[(_tokens[first].Position - 1)..(_tokens[_next - 1].End - 1)];

    private static ConditionSyntaxException Fail(ConditionToken at, string reason) => new(reason, at.Position);
}
