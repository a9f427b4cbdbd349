namespace Focalizacion.Calendar.Tests;

public class SpanishTests
{
    [TestCase("marzzo", "«marzzo»")] // short input is repeated whole
    [TestCase("", "«»")] // nothing written is still shown as quoted
    public void Quote_repeats_short_input(string text, string quoted) => Assert.That(Spanish.Quote(text), Is.EqualTo(quoted));

    [Test]
    public void Quote_cuts_long_input_to_one_readable_line()
    {
        var quoted = Spanish.Quote(new string('a', 10_000));
        Assert.That(quoted, Is.EqualTo("«" + new string('a', Spanish.MaxQuoted - 1) + "…»"));
    }

    [Test]
    public void Quote_never_cuts_a_character_in_half()
    {
        // "𝔞" is two UTF-16 units; a cut between them would leave half a character.
        var text = new string('a', Spanish.MaxQuoted - 2) + "𝔞𝔞";
        var quoted = Spanish.Quote(text);
        Assert.That(quoted, Is.EqualTo("«" + new string('a', Spanish.MaxQuoted - 2) + "…»"));
    }
}
