using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Documents.Tests;

/// <summary>
/// Amounts and coverages typed by hand, read once for the template's text cells and the web's forms:
/// what Chileans write is taken, anything else gets the reason, in the words the field's name precedes.
/// </summary>
public sealed class WholeNumbersTests
{
    [TestCase("150.000.000", true, 150_000_000L)]
    [TestCase("$ 150.000.000", true, 150_000_000L)]
    [TestCase("$150000000", true, 150_000_000L)]
    [TestCase("\u00A0 1.200 ", false, 1_200L)]
    [TestCase("0", true, 0L)]
    public void What_people_write_is_read(string text, bool pesos, long expected) =>
        Assert.That(WholeNumbers.Parse(text, pesos), Is.EqualTo(((long?)expected, (string?)null)));

    [TestCase("12,5 millones", true, "no es un monto en pesos enteros (escriba, por ejemplo, 150.000.000)")] // words: not a number with decimals
    [TestCase("150.000.000,5", true, "debe ser un número entero de pesos, sin decimales")]
    [TestCase("-150.000", true, "no puede ser negativo")]
    [TestCase("1.50.000", true, "no es un monto en pesos enteros (escriba, por ejemplo, 150.000.000)")] // badly grouped thousands
    [TestCase("1..000", false, "no es un número entero (escriba, por ejemplo, 1.200)")]
    [TestCase("$", true, "no es un monto en pesos enteros (escriba, por ejemplo, 150.000.000)")]
    [TestCase("$ 12", false, "no es un número entero (escriba, por ejemplo, 1.200)")] // a coverage is not in pesos
    [TestCase("99.999.999.999.999.999.999", true, "es demasiado grande")]
    public void Anything_else_gets_its_reason(string text, bool pesos, string reason) =>
        Assert.That(WholeNumbers.Parse(text, pesos), Is.EqualTo(((long?)null, reason)));
}
