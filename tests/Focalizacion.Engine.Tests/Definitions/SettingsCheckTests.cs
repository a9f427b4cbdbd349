using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Definitions.Settings;


namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>
/// Each handler declares the settings its tasks take, and the importer checks every one of them:
/// what used to surface at delivery (and be retried for days) is a problem naming the element.
/// </summary>
public class SettingsCheckTests
{
    // A host with one handler "enviar" (tipo oficio|aviso required, destinatarios a list of roles,
    // emisor only for oficios, plazo "inicio" or a plazo this definition names) and an owner on receive tasks.
    private static readonly ImportCatalog Host = new(
        new Dictionary<string, IReadOnlyList<SettingSpec>>
        {
            ["enviar"] =
            [
                new SettingSpec("tipo", "el tipo de correo") { Required = true, Allowed = ["oficio", "aviso"] },
                new SettingSpec("destinatarios", "los roles") { Required = true, IsList = true, Allowed = ["gore", "sercotec"] },
                new SettingSpec("emisor", "quién firma") { Allowed = ["central"], OnlyWhen = ("tipo", "oficio") },
                new SettingSpec("plazo", "el plazo que muestra") { Plazos = new("un plazo de esta definición", "los plazos", ["inicio"]) },
            ],
        },
        [new NodeSetting(new SettingSpec("responsable", "quién debe") { Allowed = ["GORE", "Sercotec"] }, NodeKind.ReceiveTask)]);

    private static IReadOnlyList<string> Problems(string body) =>
        [.. BpmnImporter.Import(Bpmn.Definitions(body), Host).Problems.Select(p => p.ToString())];

    private static string Task(string settings) =>
        $"<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='T'/>"
        + $"<bpmn:serviceTask id='T' foc:handler='enviar' {settings}/><bpmn:sequenceFlow id='F9' sourceRef='T' targetRef='E'/><bpmn:endEvent id='E'/>";

    [TestCase("foc:tipo='oficio' foc:destinatarios='gore, sercotec' foc:emisor='central'")] // every setting right
    [TestCase("foc:tipo='aviso' foc:destinatarios='gore'")] // the optional ones left out
    [TestCase("foc:tipo='aviso' foc:destinatarios='gore' foc:plazo='inicio'")] // a plazo offered without a timer naming it
    public void Settings_as_declared_import(string settings) =>
        Assert.That(Problems(Task(settings)), Is.Empty);

    [TestCase("foc:tipo='carta' foc:destinatarios='gore'", "T: foc:tipo: «carta» no es un valor válido; los valores posibles son: oficio, aviso")] // outside its list
    [TestCase("foc:destinatarios='gore'", "T: falta foc:tipo (el tipo de correo); los valores posibles son: oficio, aviso")] // a required one missing
    [TestCase("foc:tipo='aviso' foc:destinatarios='gore, alcaldia'", "T: foc:destinatarios: «alcaldia» no es un valor válido; cada valor es uno de: gore, sercotec")] // one role of the list is wrong
    [TestCase("foc:tipo='aviso' foc:destinatarios=' , '", "T: foc:destinatarios: está vacío; cada valor es uno de: gore, sercotec")] // a list with nothing in it
    [TestCase("foc:tipo='aviso' foc:destinatarios='gore' foc:emisor='central'", "T: foc:emisor: solo va cuando foc:tipo es «oficio»")] // only goes with another value
    [TestCase("foc:tipo='aviso' foc:destinatarios='gore' foc:plantila='x'", "T: el ajuste foc:plantila no corresponde a una tarea del manejador «enviar»; los ajustes posibles son: foc:tipo, foc:destinatarios, foc:emisor, foc:plazo")] // a typo in a setting's name
    [TestCase("foc:tipo='aviso' foc:destinatarios='gore' foc:plazo='final'", "T: foc:plazo: «final» no es un plazo de esta definición; los plazos son: inicio")] // neither offered nor named by a timer of the definition
    public void A_bad_setting_is_a_problem_naming_the_element(string settings, string problem) =>
        Assert.That(Problems(Task(settings)), Does.Contain(problem));

    [Test]
    public void Every_bad_setting_is_reported_not_only_the_first()
    {
        var problems = Problems(Task("foc:tipo='carta' foc:destinatarios='alcaldia' foc:otro='1'"));
        Assert.That(problems, Has.Count.EqualTo(3), string.Join("\n", problems));
    }

    [Test]
    public void A_host_setting_goes_only_on_the_nodes_it_is_for()
    {
        const string wait = "<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='R'/>"
            + "<bpmn:receiveTask id='R' messageRef='M' foc:responsable='{0}'/><bpmn:sequenceFlow id='F1' sourceRef='R' targetRef='U'/>"
            + "<bpmn:userTask id='U' foc:responsable='GORE'/><bpmn:sequenceFlow id='F9' sourceRef='U' targetRef='E'/><bpmn:endEvent id='E'/>";
        Assert.Multiple(() =>
        {
            Assert.That(Problems(string.Format(System.Globalization.CultureInfo.InvariantCulture, wait, "GORE")),
                Is.EqualTo(new[] { "U: el ajuste foc:responsable no corresponde a bpmn:userTask; este elemento no lleva ajustes" }));
            Assert.That(Problems(string.Format(System.Globalization.CultureInfo.InvariantCulture, wait, "Municipio")),
                Does.Contain("R: foc:responsable: «Municipio» no es un valor válido; los valores posibles son: GORE, Sercotec"));
        });
    }

    [Test]
    public void A_stored_version_is_loaded_for_running_without_its_settings_checked_again()
    {
        // Imported under yesterday's rules, a version keeps running for its instances: loading
        // checks the structure, not settings that were checked when it was imported.
        var file = System.Text.Encoding.UTF8.GetBytes(Bpmn.Definitions(Task("foc:tipo='carta' foc:destinatarios='gore'")));
        Assert.Multiple(() =>
        {
            Assert.That(BpmnImporter.Import(file, Host).Success, Is.False);
            Assert.That(BpmnImporter.Load(file, Host).Success, Is.True);
        });
    }
}
