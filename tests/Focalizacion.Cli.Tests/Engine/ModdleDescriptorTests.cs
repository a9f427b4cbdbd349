using System.Text.Json;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Correo;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Testing;

namespace Focalizacion.Cli.Tests.Engine;

/// <summary>
/// One declaration of the settings: the committed bpmn-moddle descriptor is the one generated from
/// the catalog the importer checks (<c>definicion moddle</c>), so a setting added to a handler or a
/// node kind without regenerating the file fails here.
/// </summary>
public sealed class ModdleDescriptorTests
{
    private static readonly string Committed = RepositoryRoot.Combine("workflows", "focalizacion.moddle.json");

    [Test]
    public void The_committed_descriptor_is_the_one_definicion_moddle_generates_from_the_catalog()
    {
        var run = CliRun.InProcess("definicion", "moddle");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Is.EqualTo(File.ReadAllText(Committed)),
            "regenerate it: dotnet run --project src/Focalizacion.Cli -- definicion moddle > workflows/focalizacion.moddle.json");
    }

    [Test]
    public void Every_setting_of_every_handler_and_node_kind_is_an_attribute_and_a_new_one_appears()
    {
        var catalog = CycleRuntime.Module(new Store("Host=127.0.0.1;Database=sin-uso"), NodaTime.SystemClock.Instance, HolidayCalendar.RulesOnly, new MailSettings(), new PickupFolderTransport(Path.GetTempPath()))
            .Catalog();
        var extra = new ImportCatalog(catalog.Handlers, [.. catalog.NodeSettings.Skip(1), new NodeSetting(new SettingSpec("nuevo", "un ajuste nuevo"), NodeKind.ReceiveTask)]);

        var names = Attributes(ModdleDescriptor.For(catalog).ToJsonString());
        var withNew = JsonDocument.Parse(ModdleDescriptor.For(extra).ToJsonString()).RootElement.GetProperty("types")[0].GetProperty("properties")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "nuevo");

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EquivalentTo(catalog.Handlers.Values.SelectMany(s => s).Select(s => s.Name)
                .Concat(catalog.NodeSettings.Select(s => s.Spec.Name)).Append(ImportCatalog.HandlerSetting).Distinct()));
            Assert.That(withNew.GetProperty("description").GetString(), Is.EqualTo("un ajuste nuevo (tareas de recepción)"));
            Assert.That(withNew.GetProperty("isAttr").GetBoolean(), Is.True);
        });
    }

    private static List<string?> Attributes(string descriptor) =>
        [.. JsonDocument.Parse(descriptor).RootElement.GetProperty("types")[0].GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("name").GetString())];
}
