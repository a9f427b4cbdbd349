using NodaTime;

namespace Focalizacion.Runtime.Tests.Instances;

/// <summary>The live map of a version (the heatmap): where its instances of one budget year wait, and which flows they passed, from the journal.</summary>
public class VersionMapTests
{
    [Test]
    public async Task The_map_counts_the_waiting_instances_per_node_and_the_instances_per_flow_of_the_chosen_year_only()
    {
        await using var harness = await Harness.CreateAsync();
        var late = await harness.StartAsync("NB");
        await harness.Driver.RunUntilAsync(Harness.Start + Duration.FromDays(31)); // reminder, then the deadline: FinRecordatorio and FinAtraso
        await harness.StartAsync("BI");
        await harness.StartAsync("AP", 2028);
        await harness.Driver.SettleAsync();
        await using var db = harness.Database.Store.Open();
        var definition = db.Instances.Single(i => i.Id == late).DefinitionId;
        var map = await harness.Runtime.Maps.MapAsync(definition, key => key?.EndsWith("/2027", StringComparison.Ordinal) == true);
        Assert.Multiple(() =>
        {
            Assert.That(map.Instances, Is.EqualTo(2));
            Assert.That(map.Waiting.Keys, Is.EquivalentTo(new[] { "Esperar" }));
            Assert.That(map.Waiting["Esperar"], Is.EqualTo(new[] { "BI/2027" }));
            Assert.That(map.Passed, Is.EquivalentTo(new Dictionary<string, int> { ["F1"] = 2, ["F2"] = 2, ["F4"] = 1, ["F5"] = 1, ["F6"] = 1, ["F7"] = 1 }),
                "nobody received the document (F3); the 2028 instance is not counted");
        });
    }
}
