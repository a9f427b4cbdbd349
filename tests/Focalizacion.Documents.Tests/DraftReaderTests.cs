using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Plantilla;

namespace Focalizacion.Documents.Tests;

/// <summary>
/// The web form's draft is checked by the template's own rules: a draft typed as the form writes its
/// fields reads to the very focalización the workbook gives, and each problem comes back to the field it is at.
/// </summary>
public sealed class DraftReaderTests
{
    /// <summary>The form's texts of <paramref name="focalizacion"/>: what a GORE would choose and type, as the form starts a new version from the last one.</summary>
    private static FocalizacionDraft Typed(Focalizaciones.Focalizacion focalizacion) => DraftReader.DraftOf(focalizacion);

    private static FocalizacionDraft WithCell(FocalizacionDraft draft, int line, string column, string text) => draft with
    {
        Lines = [.. draft.Lines.Select((cells, i) => i != line ? cells : new Dictionary<string, string>(cells) { [column] = text })],
    };

    [TestCase(Stage.Final)]
    [TestCase(Stage.Preliminar)]
    public void A_draft_typed_as_the_form_writes_it_reads_to_the_same_focalizacion_as_its_workbook(Stage stage)
    {
        var sample = Samples.Nuble(stage);

        var read = DraftReader.Read(Typed(sample), "NB", 2027, stage);

        Assert.That(read.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(FocalizacionJson.Serialize(read.Focalizacion!), Is.EqualTo(FocalizacionJson.Serialize(sample)));
    }

    [TestCase(Stage.Final)]
    [TestCase(Stage.Preliminar)]
    public void The_draft_a_new_version_starts_from_shows_the_last_version_s_lines_criteria_and_acta_and_reads_back_to_it(Stage stage)
    {
        var last = Samples.Nuble(stage);

        var draft = DraftReader.DraftOf(last);

        var line = last.Lines.First(l => l.Focalizes && l.Territorial?.Kind == TerritorialKind.Communes && l.Budget is not null);
        var index = last.Lines.ToList().IndexOf(line);
        Assert.Multiple(() =>
        {
            Assert.That(draft.Lines, Has.Count.EqualTo(last.Lines.Count));
            Assert.That(draft.Cell(index, "B"), Is.EqualTo(line.Action));
            Assert.That(draft.Cell(index, "F"), Is.EqualTo(LineText.LineCommunes(line.Territorial)), "communes by name, as the form's list chooses them");
            Assert.That(draft.Cell(index, "K"), Is.EqualTo(LineText.Whole(line.Budget!.Value)), "whole pesos, as the form asks for them");
            Assert.That(draft.Territories.Select(t => t.Name), Is.EqualTo(last.Territories.Select(t => t.Name)));
            Assert.That(draft.ActaNumber, Is.EqualTo(last.Acta?.Number ?? ""));
        });
        var read = DraftReader.Read(draft, "NB", 2027, stage);
        Assert.That(read.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(FocalizacionJson.Serialize(read.Focalizacion!), Is.EqualTo(FocalizacionJson.Serialize(last)), "submitted unchanged, it is the same focalización");
    }

    // Each row: a field typed wrong, and the place its problem must come back to.
    [TestCase(1, "K", "abc", DraftPart.Line, 1, "K", "presupuesto", TestName = "A budget that is no amount is at its line's budget")]
    [TestCase(0, "F", "Chillán; Concepción", DraftPart.Line, 0, "F", "Concepción", TestName = "A commune of another region is at its line's communes")]
    [TestCase(4, "B", "", DraftPart.Line, 4, "B", "falta «Acción o proyecto»", TestName = "A missing acción is at its line's acción")]
    [TestCase(2, "E", "Vale del Itata", DraftPart.Line, 2, "E", "Valle del Itata", TestName = "An undeclared territory is at its line's territory, suggesting the declared one")]
    public void A_problem_comes_back_to_its_field(int line, string column, string text, DraftPart part, int index, string placeColumn, string says)
    {
        var draft = WithCell(Typed(Samples.Nuble(Stage.Preliminar)), line, column, text);

        var read = DraftReader.Read(draft, "NB", 2027, Stage.Preliminar);

        Assert.That(read.IsValid, Is.False);
        Assert.That(read.Problems, Has.Count.EqualTo(1), string.Join("\n", read.Problems));
        Assert.That(DraftReader.PlaceOf(read.Problems[0]), Is.EqualTo(new DraftPlace(part, index, placeColumn)));
        Assert.That(read.Problems[0].Message, Does.Contain(says));
    }

    [Test]
    public void The_acta_s_date_and_a_territory_s_communes_come_back_to_their_fields_and_a_missing_instrument_to_the_document()
    {
        var sample = Samples.Nuble(Stage.Final);
        var draft = Typed(sample) with
        {
            ActaDate = "31-02-2026",
            Territories = [new DraftTerritory("Valle del Itata", "Quillón; Tomé"), .. Typed(sample).Territories.Skip(1)],
            Lines = [.. Typed(sample).Lines.Where(l => l["A"] != "Juntos")],
        };

        var places = DraftReader.Read(draft, "NB", 2027, Stage.Final).Problems.Select(DraftReader.PlaceOf).ToList();

        Assert.That(places, Is.EquivalentTo(new[]
        {
            new DraftPlace(DraftPart.Acta, 0, DraftReader.ActaDate),
            new DraftPlace(DraftPart.Territory, 0, "B"),
            new DraftPlace(DraftPart.Document, 0, null),
        }));
    }

    [Test]
    public void A_draft_over_the_form_s_lines_is_refused_as_a_whole()
    {
        var line = new Dictionary<string, string> { ["A"] = "Crece" };
        var draft = FocalizacionDraft.Empty with { Lines = [.. Enumerable.Repeat(line, FocalizacionDraft.MaxLines + 1)] };

        var read = DraftReader.Read(draft, "NB", 2027, Stage.Preliminar);

        Assert.That(read.Problems.Single().Message, Does.Contain($"hasta {FocalizacionDraft.MaxLines} líneas"));
    }
}
