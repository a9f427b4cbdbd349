using Focalizacion.Runtime.Persistence;

namespace Focalizacion.Runtime.Tests.Definitions;

public class DefinitionStoreTests
{
    [Test]
    public async Task Export_returns_exactly_what_was_uploaded()
    {
        await using var harness = await Harness.CreateAsync();
        var stored = (await harness.Runtime.Definitions.ListAsync()).Single();
        Assert.That(await harness.Runtime.Definitions.ExportAsync(stored.Id), Is.EqualTo(Harness.Fixture("plazo-con-recordatorio.bpmn")));
    }

    [Test]
    public async Task Publishing_numbers_versions_and_a_bad_file_stores_nothing()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.PublishAsync("plazo-con-recordatorio.bpmn");
        var (draft, result) = await harness.Runtime.Definitions.ImportAsync("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"P\"><bpmn:scriptTask id=\"S\"/></bpmn:process></bpmn:definitions>", "prueba");
        var rows = await harness.Runtime.Definitions.ListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(draft, Is.Null);
            Assert.That(result.Problems.Select(p => p.ElementId), Does.Contain("S"));
            Assert.That(rows.Select(r => (r.Version, r.Status)), Is.EqualTo(new (int?, DefinitionStatus)[] { (1, DefinitionStatus.Published), (2, DefinitionStatus.Published) }));
        });
    }

    [Test]
    public async Task Running_instances_stay_on_the_version_they_started_with()
    {
        await using var harness = await Harness.CreateAsync();
        var first = await harness.StartAsync("NB");
        var version2 = await harness.PublishAsync("plazo-con-recordatorio.bpmn");
        var second = await harness.StartAsync("MA");
        await using var db = harness.Database.Store.Open();
        var pinned = db.Instances.ToDictionary(i => i.Id, i => i.DefinitionId);
        Assert.That(pinned[first], Is.Not.EqualTo(version2));
        Assert.That(pinned[second], Is.EqualTo(version2));
    }
}
