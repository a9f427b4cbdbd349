using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Plantilla;

using Focalizacion.Testing;

namespace Focalizacion.Documents.Tests;

/// <summary>A table of bad files, each made by writing the export of a good focalización and altering cells, with the problems they must name.</summary>
public sealed class ValidationTests
{
    // Rows 6.. hold Samples.Nuble(): 3 lines per instrument, Crece on rows 6-8 (row 6: communes in F, row 7: a territory in E, row 8: toda la región).
    private static readonly byte[] Good = TemplateWriter.Write("NB", 2027, Stage.Final, Samples.Nuble());

    private static IEnumerable<TestCaseData> BadFiles()
    {
        TestCaseData Case(string name, (string, object?)[] edits, params string[] problems) => new TestCaseData(edits, problems).SetName(name);
        yield return Case("commune_of_no_region_suggests", [("Focalización!F12", "Chillán Vieja")],
            "Focalización!F12: la comuna «Chillán Vieja» no es de la Región de Ñuble; ¿quiso decir «Chillán Viejo»?");
        yield return Case("commune_of_another_region", [("Focalización!F6", "Chillán; Talca")],
            "Focalización!F6: la comuna «Talca» es de la Región del Maule, no de la Región de Ñuble");
        yield return Case("communes_accents_and_case_do_not_matter_but_the_instrument_must_exist",
            [("Focalización!F6", "chillan viejo, CHILLÁN"), ("Focalización!A9", "Capital Semila")],
            "Focalización!A9: el instrumento «Capital Semila» no es un instrumento transferido; elija uno de la lista desplegable");
        yield return Case("required_fields", [("Focalización!C6", null), ("Focalización!K7", null), ("Focalización!D8", null)],
            "Focalización!C6: falta «Descripción y orientación estratégica»",
            "Focalización!K7: falta «Presupuesto ($)»",
            "Focalización!D8: falta «Focaliza»: escriba «Sí», o «No» si el instrumento no se focaliza");
        yield return Case("pesos_formats", [("Focalización!K6", "$ 150.000.000"), ("Focalización!K7", "150000000,5"), ("Focalización!K8", -5), ("Focalización!L6", "12.5")],
            "Focalización!K7: el presupuesto debe ser un número entero de pesos, sin decimales (dice «150000000,5»)",
            "Focalización!K8: el presupuesto no puede ser negativo (dice «-5»)",
            "Focalización!L6: la cobertura estimada no es un número entero (escriba, por ejemplo, 1.200) (dice «12.5»)");
        yield return Case("unknown_sector_and_profile", [("Focalización!G6", "A - Agricultura, ganadería, silvicultura y pesca; Turismo"), ("Focalización!H6", "Otros")],
            "Focalización!G6: el sector «Turismo» no está en la lista de sectores (CIIU4.CL 2012); elija de la lista desplegable",
            "Focalización!H6: «Otros» no es una opción de Género; elija de la lista desplegable (Sin distinción, Mujeres, Hombres)");
        yield return Case("unknown_territory", [("Focalización!E7", "Valle de Itata")],
            "Focalización!E7: el territorio «Valle de Itata» no está declarado en la hoja «Territorios»; ¿quiso decir «Valle del Itata»?");
        yield return Case("territory_and_communes_both", [("Focalización!E6", "Toda la región")],
            "Focalización!E6: indique el territorio (columna E) o las comunas (columna F), no ambos");
        yield return Case("duplicate_territory_and_bad_commune", [("Territorios!A3", "valle del itata"), ("Territorios!B2", "Quillón; Concepción")],
            "Territorios!A3: el territorio «valle del itata» ya está declarado en Territorios!A2; cada nombre va una sola vez",
            "Territorios!B2: la comuna «Concepción» es de la Región del Biobío, no de la Región de Ñuble");
        yield return Case("instrument_missing", [.. Enumerable.Range(24, 1).Select(r => ($"Focalización!A{r}", (object?)null)), ("Focalización!D24", null)],
            "Focalización: falta el instrumento «Juntos»: agregue sus líneas, o una sola línea con «No» en Focaliza si no se focaliza");
        yield return Case("no_line_with_other_lines", [("Focalización!D6", "No")],
            "Focalización!D6: el instrumento «Crece» tiene una línea «No» (sin focalización) y otras líneas; un instrumento sin focalización lleva una sola línea");
        yield return Case("repeated_action", [("Focalización!B7", "acción 1 de crece")],
            "Focalización!B7: la acción «acción 1 de crece» del instrumento «Crece» ya está en la fila 6; cada acción va una vez por instrumento");
        yield return Case("another_region_year_and_stage", [("Focalización!B1", "Región del Maule"), ("Focalización!B2", 2026), ("Focalización!B3", "Preliminar")],
            "Focalización!B1: la plantilla es de la Región del Maule; esta carga es de la Región de Ñuble",
            "Focalización!B2: la plantilla es del año «2026»; esta carga es del año presupuestario 2027",
            "Focalización!B3: la plantilla es de la etapa «Preliminar»; esta carga es de la focalización final");
        yield return Case("bad_acta_date_and_yes_no", [("Focalización!E2", "31-02-2026"), ("Focalización!M6", "Quizás")],
            "Focalización!E2: la fecha de la sesión del CORE «31-02-2026» no es una fecha; escríbala como dd-mm-aaaa (por ejemplo 15-12-2026)",
            "Focalización!M6: escriba «Sí» o «No» (dice «Quizás»)");
        yield return Case("cell_outside_the_template_and_too_long", [("Focalización!Q6", "nota"), ("Focalización!O6", new string('x', 4_001))],
            "Focalización!Q6: la plantilla no tiene esta columna; deje la celda vacía o mueva su contenido a la columna que corresponde",
            "Focalización!O6: el texto tiene 4.001 caracteres; el máximo por celda es 4.000");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void A_bad_file_names_its_cells_and_gives_no_focalizacion((string, object?)[] edits, string[] problems)
    {
        var read = WorkbookReader.Read(new MemoryStream(Workbooks.Edit(Good, edits)), "NB", 2027, Stage.Final);

        Assert.That(read.Focalizacion, Is.Null);
        Assert.That(read.Problems.Select(p => p.ToString()), Is.SupersetOf(problems));
        Assert.That(read.Problems, Has.Count.EqualTo(problems.Length), string.Join("\n", read.Problems));
    }

    [Test]
    public void Chilean_formatting_and_a_date_cell_are_accepted()
    {
        var edited = Workbooks.Edit(Good, ("Focalización!K6", "$ 150.000.001"), ("Focalización!L6", "41"), ("Focalización!E2", 46371), ("Focalización!F6", "16101, chillan viejo"));

        var read = WorkbookReader.Read(new MemoryStream(edited), "NB", 2027, Stage.Final);

        Assert.That(read.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(FocalizacionJson.Serialize(read.Focalizacion!), Is.EqualTo(FocalizacionJson.Serialize(Samples.Nuble())));
    }

    [Test]
    public void At_most_the_limit_of_problems_is_listed_and_the_rest_counted()
    {
        var edits = Enumerable.Range(6, 19).Select(r => ($"Focalización!K{r}", (object?)"mucho")).ToArray();

        var read = WorkbookReader.Read(new MemoryStream(Workbooks.Edit(Good, edits)), "NB", 2027, Stage.Final, WorkbookLimits.Default with { MaxProblems = 5 });

        Assert.That(read.Problems, Has.Count.EqualTo(5));
        Assert.That(read.ProblemsNotListed, Is.EqualTo(14));
    }
}
