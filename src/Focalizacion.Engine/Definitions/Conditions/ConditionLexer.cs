using System.Globalization;
using System.Text;
using Focalizacion.Calendar;

namespace Focalizacion.Engine.Definitions.Conditions;

/// <summary>
/// Splits a condition into tokens, after removing the optional <c>${…}</c> wrapper. Positions stay
/// those of the text as written, wrapper included, because that is what the admin sees.
/// </summary>
internal sealed class ConditionLexer
{
    private readonly string _text;
    private readonly int _end;
    private int _at;

    private ConditionLexer(string text, int start, int end)
    {
        _text = text;
        _at = start;
        _end = end;
    }

    /// <summary>The tokens of the condition, ending with an <see cref="TokenKind.End"/> token.</summary>
    public static List<ConditionToken> Tokenize(string text)
    {
        int start = 0;
        int end = text.TrimEnd().Length;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        if (string.CompareOrdinal(text, start, "${", 0, 2) == 0)
        {
            if (text[end - 1] != '}' || end - start < 3)
            {
                throw new ConditionSyntaxException("falta la llave «}» que cierra «${»", end + 1);
            }
            start += 2;
            end--;
        }
        return new ConditionLexer(text, start, end).Tokens();
    }

    private List<ConditionToken> Tokens()
    {
        var tokens = new List<ConditionToken>();
        while (true)
        {
            while (_at < _end && char.IsWhiteSpace(_text[_at]))
            {
                _at++;
            }
            if (_at >= _end)
            {
                // The end sits right after the last character, or on the "}" of the wrapper.
                tokens.Add(new ConditionToken(TokenKind.End, "", _end + 1));
                return tokens;
            }
            tokens.Add(Next());
        }
    }

    private ConditionToken Next()
    {
        char c = _text[_at];
        if (char.IsLetter(c) || c == '_')
        {
            return Word();
        }
        if (char.IsAsciiDigit(c) || (c == '-' && _at + 1 < _end && char.IsAsciiDigit(_text[_at + 1])))
        {
            return NumberLiteral();
        }
        if (c is '\'' or '"')
        {
            return StringLiteral(c);
        }
        return Symbol(c);
    }

    private ConditionToken Word()
    {
        int start = _at;
        while (_at < _end && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }
        string word = _text[start.._at];
        // The keywords are lower case only, as in the expression languages of other engines.
        return word switch
        {
            "true" => new ConditionToken(TokenKind.Literal, word, start + 1, ConditionValue.Of(true)),
            "false" => new ConditionToken(TokenKind.Literal, word, start + 1, ConditionValue.Of(false)),
            "null" => new ConditionToken(TokenKind.Literal, word, start + 1, ConditionValue.Null),
            _ => new ConditionToken(TokenKind.Identifier, word, start + 1),
        };
    }

    private ConditionToken NumberLiteral()
    {
        int start = _at;
        _at++; // a digit or the minus sign
        SkipDigits();
        if (_at < _end && _text[_at] == '.')
        {
            _at++;
            if (_at >= _end || !char.IsAsciiDigit(_text[_at]))
            {
                throw new ConditionSyntaxException("se esperaba un dígito después del punto decimal", _at + 1);
            }
            SkipDigits();
        }
        if (_at < _end && (char.IsLetter(_text[_at]) || _text[_at] == '_'))
        {
            throw new ConditionSyntaxException("un nombre de variable no puede empezar con un dígito", start + 1);
        }
        string raw = _text[start.._at];
        return decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? new ConditionToken(TokenKind.Literal, raw, start + 1, ConditionValue.Of(number))
            : throw new ConditionSyntaxException($"el número {Spanish.Quote(raw)} es demasiado grande", start + 1);
    }

    private void SkipDigits()
    {
        while (_at < _end && char.IsAsciiDigit(_text[_at]))
        {
            _at++;
        }
    }

    private ConditionToken StringLiteral(char quote)
    {
        int start = _at;
        var value = new StringBuilder();
        _at++;
        while (_at < _end && _text[_at] != quote)
        {
            if (_text[_at] == '\\')
            {
                _at++;
                if (_at >= _end || _text[_at] is not ('\\' or '\'' or '"'))
                {
                    throw new ConditionSyntaxException("después de «\\» solo pueden ir «\\», «'» o «\"»", _at);
                }
            }
            value.Append(_text[_at]);
            _at++;
        }
        if (_at >= _end)
        {
            throw new ConditionSyntaxException($"falta la comilla {quote} que cierra el texto", start + 1);
        }
        _at++;
        return new ConditionToken(TokenKind.Literal, _text[start.._at], start + 1, ConditionValue.Of(value.ToString()));
    }

    private ConditionToken Symbol(char c)
    {
        int start = _at;
        char next = _at + 1 < _end ? _text[_at + 1] : '\0';
        var (kind, length, op) = (c, next) switch
        {
            ('=', '=') => (TokenKind.Comparison, 2, ComparisonOperator.Equal),
            ('!', '=') => (TokenKind.Comparison, 2, ComparisonOperator.NotEqual),
            ('<', '=') => (TokenKind.Comparison, 2, ComparisonOperator.LessOrEqual),
            ('>', '=') => (TokenKind.Comparison, 2, ComparisonOperator.GreaterOrEqual),
            ('<', _) => (TokenKind.Comparison, 1, ComparisonOperator.Less),
            ('>', _) => (TokenKind.Comparison, 1, ComparisonOperator.Greater),
            ('!', _) => (TokenKind.Not, 1, default),
            ('&', '&') => (TokenKind.And, 2, default),
            ('|', '|') => (TokenKind.Or, 2, default),
            ('(', _) => (TokenKind.OpenParen, 1, default),
            (')', _) => (TokenKind.CloseParen, 1, default),
            ('=', _) => throw new ConditionSyntaxException("para comparar se escribe «==»; un solo «=» no vale", start + 1),
            ('&', _) => throw new ConditionSyntaxException("se esperaba «&&»", start + 1),
            ('|', _) => throw new ConditionSyntaxException("se esperaba «||»", start + 1),
            _ => throw new ConditionSyntaxException($"el carácter «{c}» no se admite en una condición", start + 1),
        };
        _at += length;
        return new ConditionToken(kind, _text.Substring(start, length), start + 1, Operator: op);
    }
}
