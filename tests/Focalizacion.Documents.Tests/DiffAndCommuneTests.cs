using Focalizacion.Documents.Comunas;
using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Documents.Tests;

public sealed class DiffAndCommuneTests
{
    [Test]
    public void The_diff_lists_added_removed_and_changed_lines_matched_by_instrument_and_accion()
    {
        var v1 = Samples.Nuble();
        var lines = v1.Lines.ToList();
        lines[0] = lines[0] with { Action = "ACCIÓN 1 DE CRECE", Budget = 100_000_000 };
        lines.RemoveAt(1);
        lines.Add(Samples.Line("Juntos", 9) with { Action = "Ferias" });
        var v2 = v1 with { Lines = lines };

        var diff = FocalizacionDiff.Compare(v1, v2);

        Assert.That(diff.Select(d => (d.Instrument, d.Action, d.Change)), Is.EqualTo(new[]
        {
            ("Crece", "ACCIÓN 1 DE CRECE", LineChange.Changed),
            ("Juntos", "Ferias", LineChange.Added),
            ("Crece", "Acción 2 de Crece", LineChange.Removed),
        }));
        Assert.That(diff[0].Fields, Is.EqualTo(new[]
        {
            new FieldChange(LineField.Action, "Acción 1 de Crece", "ACCIÓN 1 DE CRECE"),
            new FieldChange(LineField.Budget, "$ 150.000.001", "$ 100.000.000"),
        }));
    }

    [Test]
    public void Communes_are_found_by_name_or_cut_whatever_the_case_and_accents()
    {
        Assert.That(Communes.All, Has.Count.EqualTo(346));
        Assert.That(Communes.OfRegion("NB"), Has.Count.EqualTo(21));
        Assert.That(Communes.Resolve("NB", "  chillan   VIEJO "), Is.EqualTo(new CommuneMatch.Found(Communes.ByCode("16103")!)));
        Assert.That(Communes.Resolve("NB", "16101"), Is.EqualTo(new CommuneMatch.Found(Communes.ByCode("16101")!)));
        Assert.That(Communes.Resolve("AI", "ohiggins"), Is.EqualTo(new CommuneMatch.Found(Communes.ByCode("11302")!)));
        Assert.That(Communes.Problem("NB", "Talca", Communes.Resolve("NB", "Talca")), Is.EqualTo("la comuna «Talca» es de la Región del Maule, no de la Región de Ñuble"));
        Assert.That(Communes.Problem("NB", "Chillán Vieja", Communes.Resolve("NB", "Chillán Vieja")),
            Is.EqualTo("la comuna «Chillán Vieja» no es de la Región de Ñuble; ¿quiso decir «Chillán Viejo»?"));
        Assert.That(Communes.Problem("NB", "Xyzzy", Communes.Resolve("NB", "Xyzzy")), Is.EqualTo("la comuna «Xyzzy» no es de la Región de Ñuble"));
    }
}
