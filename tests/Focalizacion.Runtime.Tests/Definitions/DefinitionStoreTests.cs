using System.Text;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Testing;

namespace Focalizacion.Runtime.Tests.Definitions;

public class DefinitionStoreTests
{
    [Test]
    public async Task Export_returns_exactly_what_was_uploaded()
    {
        await using var harness = await Harness.CreateAsync();
        var stored = (await harness.Runtime.Definitions.ListAsync()).Single();
        Assert.That(await harness.Runtime.Definitions.ExportAsync(stored.Id), Is.EqualTo(Fixtures.Bytes("plazo-con-recordatorio.bpmn")));
    }

    private static readonly TestCaseData[] Encodings =
    [
        // a byte order mark, as Windows editors save UTF-8: text storage dropped it
        new TestCaseData("UTF-8", Encoding.UTF8, true),
        // UTF-16 with its mark: text storage re-encoded it as UTF-8, under a declaration saying UTF-16
        new TestCaseData("UTF-16", Encoding.Unicode, true),
    ];

    [TestCaseSource(nameof(Encodings))]
    public async Task Export_returns_the_bytes_in_the_files_own_encoding(string declared, Encoding encoding, bool byteOrderMark)
    {
        await using var harness = await Harness.CreateAsync();
        var text = Fixtures.Read("plazo-con-recordatorio.bpmn").Replace("encoding=\"UTF-8\"", $"encoding=\"{declared}\"", StringComparison.Ordinal);
        byte[] upload = [.. byteOrderMark ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)];
        var (draft, result) = await harness.Runtime.Definitions.ImportAsync(upload, Actor.Cli("prueba"));
        Assert.That(draft, Is.Not.Null, result.NotBpmnReason + string.Join("; ", result.Problems));
        Assert.That(await harness.Runtime.Definitions.ExportAsync(draft!.Id), Is.EqualTo(upload));
        var published = await harness.Runtime.Definitions.PublishAsync(draft.Id, Actor.Cli("prueba"));
        Assert.That((await harness.Runtime.Definitions.ParsedAsync(published.Id, default)).ProcessId, Is.EqualTo("Plazo_Con_Recordatorio"));
    }

    [Test]
    public async Task Migrating_to_bytes_keeps_the_rows_stored_as_text()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Back to the text column of migrations 0001–0004, with one row as every earlier version stored it and one
        // whose declaration named an encoding its text was never read in.
        await database.ExecuteAsync("""
            DELETE FROM schema_migrations WHERE name = '0005_bpmn_en_bytes.sql';
            ALTER TABLE workflow_definitions ALTER COLUMN bpmn_xml TYPE text USING convert_from(bpmn_xml, 'UTF8');
            INSERT INTO workflow_definitions (process_key, status, bpmn_xml, created_at, created_by) VALUES
                ('utf8', 'Draft', '<?xml version="1.0" encoding="utf-8"?><a>Región de Ñuble</a>', now(), 'prueba'),
                ('latin1', 'Draft', '<?xml version="1.0" encoding="ISO-8859-1"?><a>Región de Ñuble</a>', now(), 'prueba');
            """);
        Assert.That(await Migrator.ApplyAsync(database.Store.DataSource, [TestModule.Schema]), Is.EqualTo(new[] { "0005_bpmn_en_bytes.sql" }));
        await using var db = database.Store.Open();
        var rows = db.Definitions.ToDictionary(d => d.ProcessKey, d => d.BpmnXml);
        Assert.Multiple(() =>
        {
            Assert.That(rows["utf8"], Is.EqualTo(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>Región de Ñuble</a>")));
            Assert.That(rows["latin1"], Is.EqualTo(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Región de Ñuble</a>")));
        });
    }

    [Test]
    public async Task Publishing_numbers_versions_and_a_bad_file_stores_nothing()
    {
        await using var harness = await Harness.CreateAsync();
        await harness.PublishAsync("plazo-con-recordatorio.bpmn");
        var (draft, result) = await harness.Runtime.Definitions.ImportAsync("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"P\"><bpmn:scriptTask id=\"S\"/></bpmn:process></bpmn:definitions>", Actor.Cli("prueba"));
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
