using Focalizacion.Calendar.Plazos;
using Focalizacion.Engine.Definitions;
using NodaTime;
using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>Timer values on an intermediate catch event "C" (S → C → E); boundary timers share the reader.</summary>
public class TimerTests
{
    private static string Process(string timerContent) =>
        "<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='C'/>"
        + $"<bpmn:intermediateCatchEvent id='C'><bpmn:timerEventDefinition>{timerContent}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>"
        + "<bpmn:sequenceFlow id='F1' sourceRef='C' targetRef='E'/><bpmn:endEvent id='E'/>";

    private static readonly Offset Chile = Offset.FromHours(-3);

    private static readonly TestCaseData[] ValidTimers =
    [
        // an instant with offset is fixed, whatever the region
        new TestCaseData("<bpmn:timeDate>2026-03-15T09:00:00-03:00</bpmn:timeDate>",
            new TimerDefinition(TimerKind.Date, "2026-03-15T09:00:00-03:00") { FixedMoment = new LocalDateTime(2026, 3, 15, 9, 0).WithOffset(Chile) }),
        // Z is an offset too
        new TestCaseData("<bpmn:timeDate>2026-03-15T12:00:00Z</bpmn:timeDate>",
            new TimerDefinition(TimerKind.Date, "2026-03-15T12:00:00Z") { FixedMoment = new LocalDateTime(2026, 3, 15, 12, 0).WithOffset(Offset.Zero) }),
        // offset without seconds, as people type it
        new TestCaseData("<bpmn:timeDate>2026-03-15T09:00-03:00</bpmn:timeDate>",
            new TimerDefinition(TimerKind.Date, "2026-03-15T09:00-03:00") { FixedMoment = new LocalDateTime(2026, 3, 15, 9, 0).WithOffset(Chile) }),
        // no offset: a local time, read later in the instance's region
        new TestCaseData("<bpmn:timeDate>2026-03-15T09:00</bpmn:timeDate>",
            new TimerDefinition(TimerKind.Date, "2026-03-15T09:00") { LocalMoment = new LocalDateTime(2026, 3, 15, 9, 0) }),
        // local with seconds; surrounding whitespace and line breaks are trimmed
        new TestCaseData("<bpmn:timeDate xsi:type='bpmn:tFormalExpression'>\n  2026-03-15T09:00:30 \n</bpmn:timeDate>",
            new TimerDefinition(TimerKind.Date, "2026-03-15T09:00:30") { LocalMoment = new LocalDateTime(2026, 3, 15, 9, 0, 30) }),
        // days
        new TestCaseData("<bpmn:timeDuration>P15D</bpmn:timeDuration>",
            new TimerDefinition(TimerKind.Duration, "P15D") { Period = Period.FromDays(15) }),
        // hours stay hours (48 exact hours, not 2 calendar days)
        new TestCaseData("<bpmn:timeDuration>PT48H</bpmn:timeDuration>",
            new TimerDefinition(TimerKind.Duration, "PT48H") { Period = Period.FromHours(48) }),
        // a calendar month
        new TestCaseData("<bpmn:timeDuration>P1M</bpmn:timeDuration>",
            new TimerDefinition(TimerKind.Duration, "P1M") { Period = Period.FromMonths(1) }),
        // date and time parts together
        new TestCaseData("<bpmn:timeDuration>P1DT2H</bpmn:timeDuration>",
            new TimerDefinition(TimerKind.Duration, "P1DT2H") { Period = Period.FromDays(1) + Period.FromHours(2) }),
        // a plazo rule, marked by language
        new TestCaseData("<bpmn:timeDate language='plazo'>primer día hábil de diciembre, a las 09:00</bpmn:timeDate>",
            new TimerDefinition(TimerKind.Date, "primer día hábil de diciembre, a las 09:00") { Rule = PlazoRule.Parse("primer día hábil de diciembre, a las 09:00").Value }),
    ];

    [TestCaseSource(nameof(ValidTimers))]
    public void Reads_the_timer(string timerContent, TimerDefinition expected)
    {
        var result = ImportProcess(Process(timerContent));
        Assert.That(result.Problems, Is.Empty);
        Assert.That(((TimerCatchEvent)result.Definition!.Node("C")).Timer, Is.EqualTo(expected));
    }

    [TestCase("<bpmn:timeCycle>R3/PT10H</bpmn:timeCycle>", "timeCycle solo se admite como serie de plazos")] // ISO repetitions do not exist in the engine
    [TestCase("<bpmn:timeCycle language='plazo'>diario</bpmn:timeCycle>", "una serie de plazos empieza con sus números de días")] // a series lists its numbers first
    [TestCase("<bpmn:timeCycle language='plazo'>7 y 7 días antes del plazo focalizacion-final</bpmn:timeCycle>", "el número 7 se repite")] // the same reminder twice is a typing mistake
    [TestCase("<bpmn:timeCycle language='plazo'>7 y 2 días antes del plazzo focalizacion-final</bpmn:timeCycle>", "«7 días antes del plazzo focalizacion-final»")] // names the rule that does not parse
    [TestCase("", "el temporizador no tiene valor")] // an empty definition
    [TestCase("<bpmn:timeDate>2026-03-15T09:00</bpmn:timeDate><bpmn:timeDuration>P1D</bpmn:timeDuration>", "más de un valor")] // which one would win?
    [TestCase("<bpmn:timeDate>   </bpmn:timeDate>", "el temporizador (bpmn:timeDate) está vacío")] // blank value
    [TestCase("<bpmn:timeDate>2026-02-30T09:00</bpmn:timeDate>", "«2026-02-30T09:00» no es una fecha y hora ISO 8601")] // impossible date
    [TestCase("<bpmn:timeDate>2026-03-15</bpmn:timeDate>", "no es una fecha y hora ISO 8601")] // a date without time is ambiguous
    [TestCase("<bpmn:timeDate>15 de marzo</bpmn:timeDate>", "necesita language=\"plazo\"")] // a plazo rule without its language: say how to fix it
    [TestCase("<bpmn:timeDuration>15 días</bpmn:timeDuration>", "«15 días» no es una duración ISO 8601")] // not ISO
    [TestCase("<bpmn:timeDuration>P0D</bpmn:timeDuration>", "debe ser mayor que cero")] // a zero wait is a mistake
    [TestCase("<bpmn:timeDuration>PT0S</bpmn:timeDuration>", "debe ser mayor que cero")] // zero in other units too
    [TestCase("<bpmn:timeDuration>P-1D</bpmn:timeDuration>", "debe ser mayor que cero")] // negative
    [TestCase("<bpmn:timeDuration>P1DT-2H</bpmn:timeDuration>", "debe ser mayor que cero")] // a negative part
    [TestCase("<bpmn:timeDuration>P106752D</bpmn:timeDuration>", "la duración «P106752D» pasa del máximo de 3660 días (10 años), contando años de 366 días y meses de 31")] // overflowed as nanoseconds: a stack trace
    [TestCase("<bpmn:timeDuration>PT2562048H</bpmn:timeDuration>", "pasa del máximo de 3660 días")] // the same in hours
    [TestCase("<bpmn:timeDuration>P15251W</bpmn:timeDuration>", "pasa del máximo de 3660 días")] // and in weeks
    [TestCase("<bpmn:timeDuration>P7974Y</bpmn:timeDuration>", "pasa del máximo de 3660 días")] // validated, then crashed the engine
    [TestCase("<bpmn:timeDuration>P3661D</bpmn:timeDuration>", "pasa del máximo de 3660 días")] // one day past the bound
    [TestCase("<bpmn:timeDuration>P120M</bpmn:timeDuration>", "pasa del máximo de 3660 días")] // months count as 31 days
    [TestCase("<bpmn:timeDate>9999-12-31T23:59:59-14:00</bpmn:timeDate>", "la fecha «9999-12-31T23:59:59-14:00» está fuera de los años que cubre el calendario (2020–2101)")] // past the last instant: crashed the engine
    [TestCase("<bpmn:timeDate>2102-01-01T00:00</bpmn:timeDate>", "fuera de los años que cubre el calendario")] // the year after the calendar
    [TestCase("<bpmn:timeDate>2019-12-31T23:59:59Z</bpmn:timeDate>", "fuera de los años que cubre el calendario")] // the year before
    [TestCase("<bpmn:timeCycle language='plazo'>99999999999 y 7 días antes del plazo focalizacion-final</bpmn:timeCycle>", "«99999999999 días antes del plazo focalizacion-final»: posición 1: el número de días es demasiado grande (máximo 3660)")] // a series number too long for an int
    [TestCase("<bpmn:timeCycle language='plazo'>07 y 7 días antes del plazo focalizacion-final</bpmn:timeCycle>", "el número 7 se repite")] // one moment written twice
    [TestCase("<bpmn:timeDate language='plazo'>15 de marzzo</bpmn:timeDate>", "regla de plazo no válida «15 de marzzo»: posición 7: «marzzo» no es un mes")] // the rule's own position and reason
    [TestCase("<bpmn:timeDuration language='plazo'>30 de diciembre</bpmn:timeDuration>", "va en timeDate")] // a rule is a date, not a span
    [TestCase("<bpmn:timeDate language='javascript'>new Date()</bpmn:timeDate>", "lenguaje de temporizador no soportado «javascript»")] // scripts never run
    public void Rejects_the_timer(string timerContent, string reason)
    {
        var result = ImportProcess(Process(timerContent));
        Assert.That(result.Problems, Has.Count.EqualTo(1), string.Join("\n", result.Problems));
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems[0].ElementId, Is.EqualTo("C"));
            Assert.That(result.Problems[0].Message, Does.Contain(reason));
        });
    }

    [Test]
    public void A_series_is_one_rule_per_number_in_the_order_written()
    {
        var result = ImportProcess(Head + Wait + Tail
            + "<bpmn:boundaryEvent id='B' attachedToRef='T' cancelActivity='false'><bpmn:timerEventDefinition>"
            + "<bpmn:timeCycle language='plazo'>30, 14, 7 y 0 días antes del plazo focalizacion-final, a las 09:00</bpmn:timeCycle>"
            + "</bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>"
            + "<bpmn:boundaryEvent id='V' attachedToRef='T' cancelActivity='false' foc:plazo='focalizacion-final'><bpmn:timerEventDefinition><bpmn:timeDate language='plazo'>30 de diciembre</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:sequenceFlow id='FV' sourceRef='V' targetRef='E'/>");
        Assert.That(result.Problems, Is.Empty);
        var timer = ((BoundaryTimerEvent)result.Definition!.Node("B")).Timer;
        Assert.That(timer.Series!.Select(s => s.Text), Is.EqualTo(new[]
        {
            "30 días antes del plazo focalizacion-final, a las 09:00", "14 días antes del plazo focalizacion-final, a las 09:00",
            "7 días antes del plazo focalizacion-final, a las 09:00", "0 días antes del plazo focalizacion-final, a las 09:00",
        }));
    }

    [TestCase("<bpmn:intermediateCatchEvent id='C'>")] // a catch event waits for one moment
    [TestCase("<bpmn:boundaryEvent id='C' attachedToRef='T'>")] // an interrupting boundary can only end the wait once
    public void A_series_only_goes_on_a_reminder(string opening)
    {
        var closing = opening.Contains("boundary", StringComparison.Ordinal) ? "</bpmn:boundaryEvent>" : "</bpmn:intermediateCatchEvent>";
        var result = ImportProcess(Head + Wait + Tail + opening
            + "<bpmn:timerEventDefinition><bpmn:timeCycle language='plazo'>7 y 1 días antes del plazo focalizacion-final</bpmn:timeCycle></bpmn:timerEventDefinition>"
            + closing + "<bpmn:sequenceFlow id='FC' sourceRef='C' targetRef='E'/>");
        Assert.That(result.Problems.Select(p => (p.ElementId, p.Message)), Has.Some.EqualTo(("C",
            "una serie de plazos (timeCycle) solo va en un evento de borde que no interrumpe (cancelActivity=\"false\"): son recordatorios")));
    }

    [Test]
    public void Boundary_timers_are_checked_the_same_way()
    {
        var result = ImportProcess(Head + Wait + Tail
            + "<bpmn:boundaryEvent id='B' attachedToRef='T'><bpmn:timerEventDefinition><bpmn:timeDate language='plazo'>31 de abril</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
            + "<bpmn:sequenceFlow id='FB' sourceRef='B' targetRef='E'/>");
        Assert.That(result.Problems, Is.EqualTo(new[] { new DefinitionProblem("B", "regla de plazo no válida «31 de abril»: posición 1: el día 31 no existe en abril") }));
    }

    [Test]
    public void Bounds_are_inclusive()
    {
        static bool Accepted(string timerContent) => ImportProcess(Process(timerContent)).Success;
        Assert.Multiple(() =>
        {
            Assert.That(Accepted("<bpmn:timeDuration>P10Y</bpmn:timeDuration>"), Is.True); // ten years of 366 days
            Assert.That(Accepted("<bpmn:timeDuration>P3660D</bpmn:timeDuration>"), Is.True);
            Assert.That(Accepted("<bpmn:timeDuration>P3660DT1S</bpmn:timeDuration>"), Is.False); // a second past it
            Assert.That(Accepted("<bpmn:timeDate>2020-01-01T00:00</bpmn:timeDate>"), Is.True);
            Assert.That(Accepted("<bpmn:timeDate>2101-12-31T23:59:59-14:00</bpmn:timeDate>"), Is.True);
        });
    }
}
