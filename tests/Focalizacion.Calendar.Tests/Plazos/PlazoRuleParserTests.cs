using Focalizacion.Calendar.Plazos;
using NodaTime;

namespace Focalizacion.Calendar.Tests.Plazos;

public class PlazoRuleParserTests
{
    private static readonly object[] ValidRules =
    [
        // text, expected rule: one row per construct of the language
        new object[] { "15 de marzo", new PlazoRule(new FixedDay(15, 3, RuleYear.Cycle)) },
        new object[] { "30 de Diciembre", new PlazoRule(new FixedDay(30, 12, RuleYear.Cycle)) }, // case does not matter
        new object[] { "31 de marzo del año presupuestario", new PlazoRule(new FixedDay(31, 3, RuleYear.Budget)) },
        new object[] { "1 de marzo del año del ciclo", new PlazoRule(new FixedDay(1, 3, RuleYear.Cycle)) },
        new object[] { "primer día hábil de diciembre", new PlazoRule(new NthBusinessDay(1, 12, RuleYear.Cycle)) },
        new object[] { "primer dia habil de diciembre", new PlazoRule(new NthBusinessDay(1, 12, RuleYear.Cycle)) }, // accents optional
        new object[] { "último día hábil de junio", new PlazoRule(new NthBusinessDay(-1, 6, RuleYear.Cycle)) },
        new object[] { "12° día hábil de enero", new PlazoRule(new NthBusinessDay(12, 1, RuleYear.Cycle)) },
        new object[] { "15 días corridos desde el evento focalizacion-preliminar-recibida",
            new PlazoRule(new DayOffset(15, DayCount.Calendar, false, ReferenceKind.Event, "focalizacion-preliminar-recibida")) },
        new object[] { "10 días hábiles desde el evento oficio-recibido",
            new PlazoRule(new DayOffset(10, DayCount.Business, false, ReferenceKind.Event, "oficio-recibido")) },
        new object[] { "7 días antes del plazo focalizacion-final", // unqualified days are calendar days (Código Civil art. 50)
            new PlazoRule(new DayOffset(7, DayCount.Calendar, true, ReferenceKind.Plazo, "focalizacion-final")) },
        new object[] { "1 día hábil después del plazo montos-preliminares",
            new PlazoRule(new DayOffset(1, DayCount.Business, false, ReferenceKind.Plazo, "montos-preliminares")) },
        new object[] { "0 días antes del plazo focalizacion-final", // the day itself, for "on the day" reminders
            new PlazoRule(new DayOffset(0, DayCount.Calendar, true, ReferenceKind.Plazo, "focalizacion-final")) },
        new object[] { "15 de noviembre, a las 17:30", new PlazoRule(new FixedDay(15, 11, RuleYear.Cycle), new LocalTime(17, 30)) },
        new object[] { "30 de diciembre, prorrogable", new PlazoRule(new FixedDay(30, 12, RuleYear.Cycle), RollForward: true) },
        new object[] { "30 de diciembre, con prórroga, a las 9:00", new PlazoRule(new FixedDay(30, 12, RuleYear.Cycle), new LocalTime(9, 0), true) },
        new object[] { "30 de diciembre, sin prórroga", new PlazoRule(new FixedDay(30, 12, RuleYear.Cycle)) },
    ];

    [TestCaseSource(nameof(ValidRules))]
    public void Parses(string text, PlazoRule expected)
    {
        var parsed = PlazoRule.Parse(text);
        Assert.That(parsed.Success, Is.True, parsed.ToString());
        Assert.That(parsed.Value, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(ValidRules))]
    public void Canonical_text_reads_back_to_the_same_rule(string text, PlazoRule rule)
    {
        var reparsed = PlazoRule.Parse(rule.ToString());
        Assert.That(reparsed.Success, Is.True, $"{text} → {rule} → {reparsed}");
        Assert.That(reparsed.Value, Is.EqualTo(rule));
    }

    [TestCase("", 1, "la regla está vacía")] // nothing
    [TestCase("15 de marzzo", 7, "«marzzo» no es un mes")] // misspelt month
    [TestCase("31 de abril", 1, "el día 31 no existe en abril")] // impossible day
    [TestCase("29 de febrero", 1, "no existe en febrero todos los años")] // not every year
    [TestCase("quince de marzo", 1, "«quince» no es un día")] // numbers are written in digits
    [TestCase("15 marzo", 4, "se esperaba «de» (un día del mes) o «días»")] // missing «de»
    [TestCase("15 de marzo prorrogable", 13, "sobra «prorrogable»")] // option without comma
    [TestCase("15 de marzo, a las 25:00", 20, "«25:00» no es una hora válida")] // impossible time
    [TestCase("15 de marzo, prorrogable, sin prórroga", 27, "la prórroga se indica una sola vez")] // contradictory options
    [TestCase("15 de marzo, urgente", 14, "se esperaba una opción")] // unknown option
    [TestCase("15 días corridos desde focalizacion", 24, "se esperaba «evento» o «plazo»")] // reference kind missing
    [TestCase("7 días antes de", 16, "se esperaba «evento» o «plazo» y su clave")] // text ends early: position is the end
    [TestCase("15 días corridos desde el evento Focalización", 34, "no es una clave válida")] // keys are ASCII kebab-case
    [TestCase("15 días corridos hasta el evento x", 18, "se esperaba «desde», «después de» o «antes de»")] // wrong direction word
    [TestCase("primer día de diciembre", 12, "se esperaba «hábil»")] // the ordinal form is for business days
    [TestCase("5000 días desde el evento x", 1, "demasiado grande")] // absurd term
    [TestCase("99999999999 días desde el evento x", 1, "el número de días es demasiado grande (máximo 3660)")] // too many digits for an int: too large, not "not a number"
    [TestCase("-5 días hábiles desde el evento x", 1, "los números van sin signo («-5»): para contar hacia atrás escriba «antes del plazo …»")] // scheduled its due date before its event
    [TestCase("-2147483648 días hábiles desde el evento x", 1, "los números van sin signo")] // negating it overflowed
    [TestCase("+5 días desde el evento x", 1, "los números van sin signo")] // a plus sign is no clearer
    [TestCase("2147483647° día hábil de marzo", 1, "el ordinal «2147483647°» está fuera de rango: los ordinales van de 1° a 31°")] // threw at evaluation
    [TestCase("32° día hábil de marzo", 1, "está fuera de rango")] // just past the bound
    [TestCase("0° día hábil de marzo", 1, "el ordinal «0°» está fuera de rango")] // there is no zeroth day
    [TestCase("99999999999 de marzo", 1, "el día «99999999999» no existe en marzo")] // a day number too long for an int
    public void Rejects_with_position_and_reason(string text, int position, string reason)
    {
        var parsed = PlazoRule.Parse(text);
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Success, Is.False);
            Assert.That(parsed.Position, Is.EqualTo(position), parsed.ToString());
            Assert.That(parsed.Error, Does.Contain(reason));
        });
    }

    [Test]
    public void Bounds_are_inclusive()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PlazoRule.Parse("31° día hábil de marzo").Value.Anchor, Is.EqualTo(new NthBusinessDay(31, 3, RuleYear.Cycle)));
            Assert.That(PlazoRule.Parse("32° día hábil de marzo").Success, Is.False);
            Assert.That(PlazoRule.Parse("3660 días hábiles desde el evento x").Value.Anchor, Is.EqualTo(new DayOffset(3660, DayCount.Business, false, ReferenceKind.Event, "x")));
            Assert.That(PlazoRule.Parse("3661 días hábiles desde el evento x").Success, Is.False);
            Assert.That(PlazoRule.Parse("007 días antes del plazo x").Value.Anchor, Is.EqualTo(new DayOffset(7, DayCount.Calendar, true, ReferenceKind.Plazo, "x"))); // leading zeros are digits too
        });
    }
}
