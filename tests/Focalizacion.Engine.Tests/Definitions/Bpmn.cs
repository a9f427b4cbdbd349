using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Definitions.Settings;

namespace Focalizacion.Engine.Tests.Definitions;

/// <summary>Small BPMN documents for table rows, the fixture files, and the importer call they share.</summary>
internal static class Bpmn
{
    /// <summary>The settings the test host's handlers and nodes accept, all optional (the fixtures' own).</summary>
    private static readonly IReadOnlyList<SettingSpec> TestSettings =
        [.. new[] { "hito", "plantilla", "destinatarios", "formulario", "prioridad", "area", "copia", "rol" }.Select(n => new SettingSpec(n, n))];

    /// <summary>The host these tests import for: its handlers, and the settings its tasks and other nodes take.</summary>
    public static readonly ImportCatalog Handlers = new(
        new[] { "registrar", "enviar-oficio", "recordar", "aplicar-focalizacion-anterior" }.ToDictionary(h => h, _ => TestSettings),
        [.. TestSettings.Select(s => new NodeSetting(s, NodeKind.AnyButServiceTask))]);

    /// <summary>S → T → E around a user task T (Wait); rows add to or replace parts of it.</summary>
    public const string Head = "<bpmn:startEvent id='S'/><bpmn:sequenceFlow id='F0' sourceRef='S' targetRef='T'/>";

    public const string Wait = "<bpmn:userTask id='T'/>";

    public const string Tail = "<bpmn:sequenceFlow id='F9' sourceRef='T' targetRef='E'/><bpmn:endEvent id='E'/>";

    /// <summary>A definitions document with the prefixes bpmn-js writes, one process "P" and a message "M".</summary>
    public static string Definitions(string processBody, string topLevel = "") =>
        $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="{BpmnNamespaces.Model}" xmlns:foc="{BpmnNamespaces.Focalizacion}" xmlns:xsi="{BpmnNamespaces.XmlSchemaInstance}" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="P" isExecutable="true">{processBody}</bpmn:process>
          <bpmn:message id="M" name="respuesta-gore" />{topLevel}
        </bpmn:definitions>
        """;

    public static ImportResult Import(string xml) => BpmnImporter.Import(xml, Handlers);

    public static ImportResult ImportProcess(string processBody, string topLevel = "") => Import(Definitions(processBody, topLevel));

    /// <summary>The import found exactly one problem, about <paramref name="elementId"/>, whose message starts with <paramref name="reason"/>.</summary>
    public static void AssertOneProblem(ImportResult result, string elementId, string reason)
    {
        Assert.That(result.Problems, Has.Count.EqualTo(1), string.Join("\n", result.Problems));
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems[0].ElementId, Is.EqualTo(elementId));
            Assert.That(result.Problems[0].Message, Does.StartWith(reason));
        });
    }

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Definitions", "Fixtures", name));
}
