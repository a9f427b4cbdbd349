using Focalizacion.Engine.Definitions;

namespace Focalizacion.Engine.Tests.Definitions;

public class ConditionSyntaxTests
{
    [TestCase("", 1, "la condición está vacía")] // nothing
    [TestCase("   ", 1, "la condición está vacía")] // only blanks
    [TestCase("${}", 3, "la condición está vacía")] // an empty wrapper: the position is its closing brace
    [TestCase("${ }", 4, "la condición está vacía")] // a blank wrapper
    [TestCase("${a", 4, "falta la llave «}» que cierra «${»")] // an open wrapper
    [TestCase("monto >=", 9, "se esperaba un valor")] // the text ends after an operator: the position is the end
    [TestCase("${monto >= }", 12, "se esperaba un valor")] // inside the wrapper the end is its brace, positions count the wrapper
    [TestCase("&& a", 1, "se esperaba un valor")] // an operator first
    [TestCase("a && || b", 6, "se esperaba un valor")] // two operators in a row
    [TestCase("!", 2, "se esperaba un valor")] // negation of nothing
    [TestCase("a = 1", 3, "un solo «=» no vale")] // assignment-like single =
    [TestCase("a & b", 3, "se esperaba «&&»")] // single &
    [TestCase("a | b", 3, "se esperaba «||»")] // single |
    [TestCase("(a && b", 8, "falta «)» para cerrar el paréntesis de la posición 1")] // unclosed parenthesis, named by where it opened
    [TestCase("a && b)", 7, "sobra «)»")] // a stray closing parenthesis
    [TestCase("a b", 3, "falta un operador")] // two values side by side
    [TestCase("a < b < c", 7, "las comparaciones no se encadenan")] // chained comparisons are ambiguous
    [TestCase("region == 'MA", 11, "falta la comilla ' que cierra el texto")] // unterminated string, at its opening quote
    [TestCase("x == 'a\\n'", 8, "después de «\\» solo pueden ir")] // only quotes and backslashes are escaped
    [TestCase("File.Delete('x')", 5, "el carácter «.» no se admite")] // no member access, no calls: nothing can run code
    [TestCase("a == #", 6, "el carácter «#» no se admite")] // an unknown symbol
    [TestCase("1.", 3, "se esperaba un dígito después del punto decimal")] // a number cut short
    [TestCase("2a == 1", 1, "no puede empezar con un dígito")] // names start with a letter or _
    [TestCase("99999999999999999999999999999999 > 1", 1, "demasiado grande")] // beyond decimal range
    public void Rejects_with_position_and_reason(string text, int position, string reason)
    {
        var parsed = Condition.Parse(text);
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Success, Is.False);
            Assert.That(parsed.Position, Is.EqualTo(position), parsed.ToString());
            Assert.That(parsed.Error, Does.Contain(reason));
        });
    }

    [Test]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var parsed = Condition.Parse(new string('(', 33) + "a" + new string(')', 33));
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Error, Does.Contain("demasiados paréntesis o «!» anidados"));
            Assert.That(parsed.Position, Is.EqualTo(33)); // the first parenthesis over the limit
            Assert.That(Condition.Parse(new string('(', 32) + "a" + new string(')', 32)).Success, Is.True); // the limit itself is fine
            Assert.That(Condition.Parse(new string('!', 40) + "a").Error, Does.Contain("anidados"));
        });
    }

    [Test]
    public void Very_long_conditions_are_refused()
    {
        var longest = string.Join(" || ", Enumerable.Repeat("a", 400)); // 1,999 characters
        var parsed = Condition.Parse(longest + " || b");
        Assert.Multiple(() =>
        {
            Assert.That(Condition.Parse(longest).Success, Is.True);
            Assert.That(parsed.Error, Does.Contain("demasiado larga"));
            Assert.That(parsed.Position, Is.EqualTo(2001));
        });
    }
}
