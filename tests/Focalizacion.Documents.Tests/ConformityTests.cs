using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Conformidad;
using Focalizacion.Documents.Focalizaciones;

namespace Focalizacion.Documents.Tests;

public sealed class ConformityTests
{
    /// <summary>Each focalizing instrument's reference equal to its lines' total: a conforming final.</summary>
    private static Dictionary<string, long> Exact(Focalizaciones.Focalizacion f) =>
        f.Lines.Where(l => l.Focalizes).GroupBy(l => l.Instrument).ToDictionary(g => g.Key, g => g.Sum(l => l.Budget ?? 0));

    private static string[] Failures(Focalizaciones.Focalizacion f, IReadOnlyDictionary<string, long>? reference, bool pdf = true) =>
        [.. ConformityCheck.Check(f, reference, pdf).Where(o => o.Kind == ObservationKind.Incumplimiento).Select(o => o.Message)];

    [Test]
    public void A_complete_final_whose_lines_add_up_to_the_montos_preliminares_conforms()
    {
        var final = Samples.Nuble();
        var observations = ConformityCheck.Check(final, Exact(final), actaPdfPresent: true);

        Assert.That(ConformityCheck.Conforms(observations), Is.True, string.Join("\n", observations));
        Assert.That(observations.Select(o => o.Message), Is.EqualTo(new[] { "Juntos: sin focalización; sus recursos siguen el proceso regular de Sercotec y su total no se revisa." }));
    }

    [Test]
    public void A_missing_instrument_fails_and_an_explicit_sin_focalizacion_does_not()
    {
        var final = Samples.Nuble();
        var without = final with { Lines = [.. final.Lines.Where(l => l.Instrument != "Juntos")] };

        Assert.That(Failures(without, Exact(final)), Is.EqualTo(new[] { "Falta el instrumento «Juntos»: la focalización debe incluir sus líneas o declararlo sin focalización (una sola línea «No»)." }));
    }

    [Test]
    public void Sin_focalizacion_with_other_lines_fails()
    {
        var final = Samples.Nuble();
        var mixed = final with { Lines = [.. final.Lines, FocalizacionLine.NotFocalized("Crece")] };

        Assert.That(Failures(mixed, Exact(final)), Has.Member("Crece: está declarado sin focalización y además tiene otras líneas; sin focalización es una sola línea «No»."));
    }

    [Test]
    public void Required_fields_are_named_per_line()
    {
        var final = Samples.Nuble();
        var lines = final.Lines.ToList();
        lines[1] = lines[1] with { Description = " ", Sectors = [], Commitment = new GovernmentCommitment(true, "") };

        Assert.That(Failures(final with { Lines = lines }, Exact(final)),
            Is.EqualTo(new[] { "Crece, línea 2 («Acción 2 de Crece»): falta «Descripción y orientación estratégica», «Sectores», «Cuál compromiso»." }));
    }

    [Test]
    public void Territories_outside_the_region_fail()
    {
        var final = Samples.Nuble();
        var lines = final.Lines.ToList();
        lines[0] = lines[0] with { Territorial = TerritorialCriterion.OfCommunes(["16101", "07101", "99999"]) };
        lines[1] = lines[1] with { Territorial = TerritorialCriterion.OfTerritory("Costa") };
        var outside = final with { Lines = lines, Territories = [.. final.Territories, new Territory("Gran Concepción", ["08101"])] };

        Assert.That(Failures(outside, Exact(final)), Is.EqualTo(new[]
        {
            "Crece, línea 1 («Acción 1 de Crece»): la comuna «Talca» (07101) es de la Región del Maule, no de la Región de Ñuble.",
            "Crece, línea 1 («Acción 1 de Crece»): el código «99999» no es una comuna de Chile.",
            "Crece, línea 2 («Acción 2 de Crece»): el territorio «Costa» no está en el modelo territorial de la focalización.",
            "Territorio «Gran Concepción»: la comuna «Concepción» (08101) es de la Región del Biobío, no de la Región de Ñuble.",
        }));
    }

    [Test]
    public void Negative_amounts_fail()
    {
        var final = Samples.Nuble();
        var lines = final.Lines.ToList();
        lines[0] = lines[0] with { Budget = -1, Coverage = -2 };

        Assert.That(Failures(final with { Lines = lines }, null), Is.EqualTo(new[]
        {
            "Crece, línea 1 («Acción 1 de Crece»): el presupuesto es negativo (-1).",
            "Crece, línea 1 («Acción 1 de Crece»): la cobertura estimada es negativa (-2).",
        }));
    }

    [Test]
    public void A_finals_lines_must_add_up_exactly_to_the_monto_preliminar()
    {
        var final = Samples.Nuble();
        var reference = Exact(final);
        reference["Crece"] += 1_000;
        reference["Mejora Negocios"] -= 1;

        Assert.That(Failures(final, reference), Is.EqualTo(new[]
        {
            "Crece: las líneas suman $ 450.000.006 y el monto preliminar es $ 450.001.006 (diferencia $ 1.000); en la focalización final deben sumar exactamente el monto preliminar.",
            "Mejora Negocios: las líneas suman $ 450.000.006 y el monto preliminar es $ 450.000.005 (diferencia $ 1); en la focalización final deben sumar exactamente el monto preliminar.",
        }));
    }

    [Test]
    public void A_preliminarys_lines_may_not_exceed_the_presupuesto_exploratorio_but_may_stay_below()
    {
        var preliminar = Samples.Nuble(Stage.Preliminar);
        var reference = Exact(preliminar);
        reference["Crece"] -= 6;
        reference["Mejora Negocios"] += 1_000_000;

        Assert.That(Failures(preliminar, reference, pdf: false), Is.EqualTo(new[]
        {
            "Crece: las líneas suman $ 450.000.006, más que el presupuesto exploratorio de $ 450.000.000 (exceso $ 6).",
        }));
    }

    [Test]
    public void An_instrument_without_a_reference_amount_is_a_note_not_a_failure()
    {
        var final = Samples.Nuble();
        var reference = Exact(final);
        reference.Remove("Crece");

        var observations = ConformityCheck.Check(final, reference, actaPdfPresent: true);

        Assert.That(ConformityCheck.Conforms(observations), Is.True);
        Assert.That(observations, Has.Some.Matches<Observation>(o =>
            o.Kind == ObservationKind.Nota && o.Instrument == "Crece" && o.Message == "Crece: no hay monto preliminar registrado para este instrumento; su total no se revisa."));
        Assert.That(ConformityCheck.Check(final, null, true).Count(o => o.Kind == ObservationKind.Nota), Is.EqualTo(Instruments.All.Count));
    }

    [Test]
    public void A_final_needs_the_acta_cores_number_date_and_pdf()
    {
        var final = Samples.Nuble() with { Acta = null };

        Assert.That(Failures(final, Exact(final), pdf: false), Is.EqualTo(new[]
        {
            "Falta el número del acta o acuerdo del Consejo Regional que aprueba la focalización final.",
            "Falta la fecha de la sesión del Consejo Regional que aprobó la focalización final.",
            "Falta el PDF del acta o acuerdo del Consejo Regional.",
        }));
        var preliminar = Samples.Nuble(Stage.Preliminar);
        Assert.That(Failures(preliminar, Exact(preliminar), pdf: false), Is.Empty);
    }

    [Test]
    public void An_unknown_instrument_fails()
    {
        var final = Samples.Nuble();
        var odd = final with { Lines = [.. final.Lines, Samples.Line("Crece Plus", 1)] };

        Assert.That(Failures(odd, Exact(final)), Is.EqualTo(new[] { "Crece Plus, línea 1 («Acción 1 de Crece Plus»): «Crece Plus» no es un instrumento transferido." }));
    }
}
