using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Calendar.Plazos;

/// <summary>
/// Reads the plazo-rule language (see <see cref="PlazoRule"/>) into a rule, or fails with the
/// position and a Spanish reason.
/// </summary>
internal sealed partial class PlazoRuleParser
{
    private readonly List<Token> _tokens;
    private readonly int _endPosition;
    private int _next;

    private PlazoRuleParser(string text)
    {
        _tokens = Tokenize(text);
        _endPosition = text.TrimEnd().Length + 1;
    }

    private sealed record Token(string Raw, string Word, int Position);

    private sealed class ParseFailure(string reason, int position) : Exception(reason)
    {
        public int Position { get; } = position;
    }

    public static Result<PlazoRule> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result<PlazoRule>.Fail("la regla está vacía", 1);
        }
        try
        {
            return Result<PlazoRule>.Ok(new PlazoRuleParser(text).Rule());
        }
        catch (ParseFailure failure)
        {
            return Result<PlazoRule>.Fail(failure.Message, failure.Position);
        }
    }

    private PlazoRule Rule()
    {
        var anchor = Anchor();
        LocalTime? time = null;
        bool? rollForward = null;
        while (TryTake(","))
        {
            var option = Peek();
            if (TryTake("a"))
            {
                Expect("las", "se esperaba «las» en «a las HH:mm»");
                time = time is null ? TimeOfDay() : throw Fail(option, "la hora se indica una sola vez");
            }
            else if (TryTake("prorrogable") || (TryTake("con") && Expected("prorroga", "se esperaba «prórroga» después de «con»")))
            {
                rollForward = rollForward is null ? true : throw Fail(option, "la prórroga se indica una sola vez");
            }
            else if (TryTake("sin"))
            {
                Expect("prorroga", "se esperaba «prórroga» después de «sin»");
                rollForward = rollForward is null ? false : throw Fail(option, "la prórroga se indica una sola vez");
            }
            else
            {
                throw Fail(option, "se esperaba una opción: «a las HH:mm», «prorrogable» o «sin prórroga»");
            }
        }
        if (Peek() is { } extra)
        {
            throw Fail(extra, $"sobra {Spanish.Quote(extra.Raw)}; las opciones van después de una coma");
        }
        return new PlazoRule(anchor, time, rollForward ?? false);
    }

    private PlazoAnchor Anchor()
    {
        var first = Take("se esperaba un día del mes («15 de marzo»), un ordinal («primer día hábil de diciembre») o un número de días");
        if (PlazoVocabulary.Number(first.Word) is { } number)
        {
            var after = Peek();
            if (after?.Word == "de")
            {
                _next++;
                return FixedDay(number, first);
            }
            if (after?.Word is "dia" or "dias")
            {
                _next++;
                return Offset(number, first);
            }
            throw Fail(after, "se esperaba «de» (un día del mes) o «días» (un número de días) después del número");
        }
        if (PlazoVocabulary.Ordinal(first.Word) is { } ordinal)
        {
            if (ordinal is 0 or > PlazoRule.MaxOrdinal)
            {
                throw Fail(first, $"el ordinal {Spanish.Quote(first.Raw)} está fuera de rango: los ordinales van de 1° a {PlazoRule.MaxOrdinal}°");
            }
            Expect("dia", "se esperaba «día hábil» después del ordinal");
            Expect("habil", "se esperaba «hábil» después de «día»");
            Expect("de", "se esperaba «de» y un mes");
            var month = Month();
            return new NthBusinessDay(ordinal, month, Year());
        }
        if (first.Word[0] is '-' or '+' && PlazoVocabulary.Number(first.Word[1..]) is not null)
        {
            throw Fail(first, $"los números van sin signo ({Spanish.Quote(first.Raw)}): para contar hacia atrás escriba «antes del plazo …»");
        }
        throw Fail(first, $"{Spanish.Quote(first.Raw)} no es un día, un ordinal ni un número de días");
    }

    private FixedDay FixedDay(int day, Token dayToken)
    {
        var month = Month();
        if (day < 1 || day > 31 || day > CalendarSystem.Iso.GetDaysInMonth(2001, month))
        {
            var written = day <= 31 ? day.ToString(System.Globalization.CultureInfo.InvariantCulture) : Spanish.Quote(dayToken.Raw);
            throw Fail(dayToken, $"el día {written} no existe en {Spanish.MonthName(month)}" + (month == 2 && day == 29 ? " todos los años" : ""));
        }
        return new FixedDay(day, month, Year());
    }

    private DayOffset Offset(int days, Token daysToken)
    {
        if (days > PlazoRule.MaxDays)
        {
            throw Fail(daysToken, $"el número de días es demasiado grande (máximo {PlazoRule.MaxDays})");
        }
        var count = TryTake("habiles") || TryTake("habil") ? DayCount.Business : DayCount.Calendar;
        if (count == DayCount.Calendar)
        {
            _ = TryTake("corridos") || TryTake("corrido");
        }
        var directionToken = Peek();
        bool before;
        bool articleTaken = false;
        if (TryTake("desde"))
        {
            before = false;
        }
        else if (TryTake("despues") || TryTake("antes"))
        {
            before = _tokens[_next - 1].Word == "antes";
            articleTaken = TryTake("del");
            if (!articleTaken)
            {
                Expect("de", $"se esperaba «de» o «del» después de {Spanish.Quote(_tokens[_next - 1].Raw)}");
            }
        }
        else
        {
            throw Fail(directionToken, "se esperaba «desde», «después de» o «antes de»");
        }
        if (!articleTaken)
        {
            _ = TryTake("el") || TryTake("la");
        }
        var kindToken = Take("se esperaba «evento» o «plazo» y su clave");
        var kind = kindToken.Word switch
        {
            "evento" => ReferenceKind.Event,
            "plazo" => ReferenceKind.Plazo,
            _ => throw Fail(kindToken, $"se esperaba «evento» o «plazo» y no {Spanish.Quote(kindToken.Raw)}"),
        };
        var keyToken = Take($"falta la clave del {kindToken.Word}");
        if (!KeyPattern().IsMatch(keyToken.Raw))
        {
            throw Fail(keyToken, $"{Spanish.Quote(keyToken.Raw)} no es una clave válida: use minúsculas sin tilde, números y guiones (p. ej. focalizacion-final)");
        }
        return new DayOffset(days, count, before, kind, keyToken.Raw);
    }

    private int Month()
    {
        var token = Take("falta el mes");
        return PlazoVocabulary.Month(token.Word) ?? throw Fail(token, $"{Spanish.Quote(token.Raw)} no es un mes");
    }

    private RuleYear Year()
    {
        if (!TryTake("del"))
        {
            return RuleYear.Cycle;
        }
        Expect("ano", "se esperaba «año» después de «del»");
        if (TryTake("presupuestario"))
        {
            return RuleYear.Budget;
        }
        Expect("del", "se esperaba «presupuestario» o «del ciclo» después de «año»");
        Expect("ciclo", "se esperaba «ciclo» después de «del año del»");
        return RuleYear.Cycle;
    }

    private LocalTime TimeOfDay()
    {
        var token = Take("falta la hora (HH:mm)");
        var parsed = LocalTimePattern.CreateWithInvariantCulture("H:mm").Parse(token.Raw);
        return parsed.Success ? parsed.Value : throw Fail(token, $"{Spanish.Quote(token.Raw)} no es una hora válida (HH:mm, de 00:00 a 23:59)");
    }

    private Token? Peek() => _next < _tokens.Count ? _tokens[_next] : null;

    private bool TryTake(string word)
    {
        if (Peek()?.Word == word)
        {
            _next++;
            return true;
        }
        return false;
    }

    private Token Take(string reasonIfMissing) =>
        Peek() is { } token ? _tokens[_next++] : throw Fail(null, reasonIfMissing);

    private void Expect(string word, string reason)
    {
        if (!TryTake(word))
        {
            throw Fail(Peek(), reason);
        }
    }

    private bool Expected(string word, string reason)
    {
        Expect(word, reason);
        return true;
    }

    private ParseFailure Fail(Token? at, string reason) => new(reason, at?.Position ?? _endPosition);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        foreach (Match match in TokenPattern().Matches(text))
        {
            tokens.Add(new Token(match.Value, PlazoVocabulary.Normalize(match.Value), match.Index + 1));
        }
        return tokens;
    }

    [GeneratedRegex("[^\\s,]+|,")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();
}
