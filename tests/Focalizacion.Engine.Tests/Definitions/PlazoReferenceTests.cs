using static Focalizacion.Engine.Tests.Definitions.Bpmn;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// The plazos of a definition are checked together at import: names, what rules count from, and
/// loops. There are no built-in plazos: a rule that counts from one the file does not name used to
/// import and became an incident on the day its timer was scheduled.
/// </summary>
public class PlazoReferenceTests
{
    private static string Timer(string id, string rule, string extra = "") =>
        $"<bpmn:boundaryEvent id='{id}' attachedToRef='T' cancelActivity='false' {extra}><bpmn:timerEventDefinition>"
        + $"<bpmn:timeDate language='plazo'>{rule}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>"
        + $"<bpmn:sequenceFlow id='F{id}' sourceRef='{id}' targetRef='E'/>";

    private static IReadOnlyList<string> Problems(string timers) =>
        [.. ImportProcess(Head + Wait + Tail + timers).Problems.Select(p => p.ToString())];

    [Test]
    public void A_rule_may_count_from_a_plazo_the_same_file_names() =>
        Assert.That(Problems(Timer("V", "30 de diciembre", "foc:plazo='final'") + Timer("R", "7 días antes del plazo final")), Is.Empty);

    [TestCase("7 días antes del plazo focalizacion-final", "R: «7 días antes del plazo focalizacion-final» cuenta desde el plazo «focalizacion-final», que ningún temporizador de esta definición nombra (foc:plazo); los plazos nombrados son: final")] // the law's key, which is not built in
    [TestCase("15 días corridos desde el evento preliminar", "R: «15 días corridos desde el evento preliminar» cuenta desde el evento «preliminar», que esta definición no recibe (ningún bpmn:message se llama así)")] // an event no message brings
    public void A_rule_counting_from_something_the_file_lacks_is_a_problem(string rule, string problem) =>
        Assert.That(Problems(Timer("V", "30 de diciembre", "foc:plazo='final'") + Timer("R", rule)), Is.EqualTo(new[] { problem }));

    [Test]
    public void A_rule_counting_from_a_message_the_file_declares_imports() =>
        Assert.That(Problems(Timer("R", "15 días corridos desde el evento respuesta-gore")), Is.Empty);

    [Test]
    public void A_name_is_given_once_and_only_to_a_plazo_rule()
    {
        var problems = Problems(Timer("V", "30 de diciembre", "foc:plazo='final'") + Timer("W", "29 de diciembre", "foc:plazo='final'")
            + "<bpmn:boundaryEvent id='D' attachedToRef='T' cancelActivity='false' foc:plazo='horas'><bpmn:timerEventDefinition>"
            + "<bpmn:timeDuration>PT48H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent><bpmn:sequenceFlow id='FD' sourceRef='D' targetRef='E'/>");
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "W: foc:plazo: el plazo «final» ya lo nombra «V»",
            "D: foc:plazo: solo un temporizador con una regla de plazo (timeDate con language=\"plazo\") puede nombrar un plazo",
        }));
    }

    [Test]
    public void Plazos_that_refer_to_each_other_in_a_loop_are_a_problem()
    {
        var problems = Problems(Timer("A", "2 días antes del plazo b", "foc:plazo='a'") + Timer("B", "3 días después del plazo a", "foc:plazo='b'"));
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "A: el plazo «a» se refiere a sí mismo: a → b → a",
            "B: el plazo «b» se refiere a sí mismo: b → a → b",
        }));
    }

    [TestCase("Final")] // upper case
    [TestCase("plazo final")] // a space
    public void A_plazo_name_is_a_key(string name) =>
        Assert.That(Problems(Timer("V", "30 de diciembre", $"foc:plazo='{name}'")), Has.Some.StartsWith("V: foc:plazo: use minúsculas sin tilde"));
}
