using System.Text;
using Focalizacion.Cycle.Workflow;

namespace Focalizacion.Cli.Tests.Ciclo;

/// <summary>
/// The cycle's handlers declare their settings, so a wrong <c>foc:tipo</c>, hito, issuer, template,
/// role or plazo in an edited workflow is refused by <c>definicion validar</c>, import and publish,
/// naming the element; before, each was found at delivery and retried for five days.
/// </summary>
public class CycleSettingsTests
{
    private static string Shipped => Encoding.UTF8.GetString(ShippedWorkflow.Bpmn.Span);

    private static string Edited(params (string From, string To)[] edits)
    {
        var xml = Shipped;
        foreach (var (from, to) in edits)
        {
            Assert.That(xml, Does.Contain(from), "the shipped file has the text the test edits");
            xml = xml.Replace(from, to, StringComparison.Ordinal);
        }
        var path = Path.Combine(Path.GetTempPath(), $"ciclo-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(path, xml);
        return path;
    }

    [Test]
    public void The_shipped_workflow_validates_with_the_cycle_handlers()
    {
        var run = CliRun.InProcess("definicion", "validar", Edited());
        Assert.That(run.ExitCode, Is.Zero, run.Output + run.Error);
    }

    [TestCase("foc:tipo=\"oficio\" foc:hito=\"oficio-inicio\"", "foc:tipo=\"carta\" foc:hito=\"oficio-inicio\"", "OficioInicio: foc:tipo: «carta» no es un valor válido; los valores posibles son: oficio, recordatorio, aviso")] // a kind of email that does not exist
    [TestCase("foc:hito=\"oficio-inicio\" foc:plantilla", "foc:hito=\"inicio\" foc:plantilla", "OficioInicio: foc:hito: «inicio» no es un hito del ciclo")] // a milestone nobody knows
    [TestCase("foc:plantilla=\"oficio-inicio\"", "foc:plantilla=\"oficio-incio\"", "OficioInicio: foc:plantilla: «oficio-incio» no es un valor válido; los valores posibles son: oficio-inicio,")] // a template key with a typo
    [TestCase("foc:destinatarios=\"gore-gobernador, gore-contraparte, sercotec-director-regional\" foc:emisor=\"gerencia-general\"><bpmn:documentation>Hito 1", "foc:destinatarios=\"gore-gobernador, alcalde\" foc:emisor=\"gerencia-general\"><bpmn:documentation>Hito 1", "OficioInicio: foc:destinatarios: «alcalde» no es un valor válido; cada valor es uno de: gore-gobernador,")] // a role the directory has no place for
    [TestCase("foc:emisor=\"gerencia-general\"><bpmn:documentation>Hito 1", "foc:emisor=\"gobernador\"><bpmn:documentation>Hito 1", "OficioInicio: foc:emisor: «gobernador» no es un valor válido; los valores posibles son: gerencia-general, direccion-regional")] // nobody of that name numbers oficios
    [TestCase("foc:plantilla=\"aviso-vencido\" foc:destinatarios=\"central-gerencia-regiones, sercotec-director-regional\"><bpmn:incoming>F_Inicio_A1", "foc:plantilla=\"aviso-vencido\" foc:destinatarios=\"central-gerencia-regiones, sercotec-director-regional\" foc:emisor=\"gerencia-general\"><bpmn:incoming>F_Inicio_A1", "AvisarInicio: foc:emisor: solo va cuando foc:tipo es «oficio»")] // an issuer on a notice, which has no number
    [TestCase("foc:plazo=\"focalizacion-final\"><bpmn:documentation>Hito 8", "foc:plazo=\"final\"><bpmn:documentation>Hito 8", "OficioAjuste: foc:plazo: «final» no es un plazo de esta definición")] // the deadline an oficio shows must be one this version names
    [TestCase("foc:ventana=\"oficio-inicio\"", "foc:ventana=\"inicio\"", "VentanaInicio: foc:ventana: «inicio» no es un plazo de esta definición")] // a window of a plazo that does not exist
    [TestCase("foc:resultado=\"focalizacion-final\"", "foc:resultado=\"aprobada\"", "ResultadoFinal: foc:resultado: «aprobada» no es un valor válido")] // an outcome the cycle does not record
    [TestCase("foc:responsable=\"GORE\" foc:hito=\"focalizacion-final\"", "foc:responsable=\"CORE\" foc:hito=\"focalizacion-final\"", "EsperaFinal: foc:responsable: «CORE» no es un valor válido; los valores posibles son: Sercotec, GORE")] // an owner the cycle has no reminders for
    [TestCase("foc:handler=\"enviar-correo\" foc:tipo=\"recordatorio\" foc:hito=\"focalizacion-final\"", "foc:handler=\"enviar-correo\" foc:tipo=\"recordatorio\" foc:hito=\"focalizacion-final\" foc:remitente=\"x\"", "RecordarFinal: el ajuste foc:remitente no corresponde a una tarea del manejador «enviar-correo»")] // a setting no handler reads
    [TestCase("días antes del plazo focalizacion-final, a las 09:00", "días antes del plazo focalizacion-fin, a las 09:00", "RecordatoriosFinal: «30 días antes del plazo focalizacion-fin, a las 09:00» cuenta desde el plazo «focalizacion-fin», que ningún temporizador de esta definición nombra")] // reminders counting from a plazo the version does not name
    public void Validar_names_the_element_of_each_bad_setting(string from, string to, string problem)
    {
        var run = CliRun.InProcess("definicion", "validar", Edited((from, to)));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
            Assert.That(run.Output.Split('\n'), Has.Some.StartsWith(problem), run.Output);
        });
    }

    [Test]
    public void Validar_json_gives_the_element_of_each_problem_for_the_designer()
    {
        var run = CliRun.InProcess("definicion", "validar", "--json", Edited(("foc:tipo=\"oficio\" foc:hito=\"oficio-inicio\"", "foc:tipo=\"carta\" foc:hito=\"oficio-inicio\""), ("foc:ventana=\"oficio-inicio\"", "foc:ventana=\"inicio\"")));
        var problems = run.Json().EnumerateArray().Select(p => p.GetProperty("elemento").GetString()).ToList();
        Assert.That(problems, Is.EquivalentTo(new[] { "OficioInicio", "VentanaInicio" }));
    }

    [Test]
    public async Task A_draft_that_no_longer_runs_is_not_published()
    {
        // A draft stored before a handler changed (here written to the table directly, as an older
        // release would have accepted it) is checked again when someone publishes it.
        await using var database = await Engine.EngineDatabase.CreateAsync();
        var environment = Engine.EngineDatabase.Environment(database);
        var bad = File.ReadAllText(Edited(("foc:plantilla=\"oficio-inicio\"", "foc:plantilla=\"oficio-incio\"")));
        await using (var insert = database.Store.DataSource.CreateCommand(
            "INSERT INTO workflow_definitions (process_key, status, bpmn_xml, created_at, created_by) VALUES ('ciclo-focalizacion-regional', 'Draft', $1, now(), 'prueba')"))
        {
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Encoding.UTF8.GetBytes(bad) });
            await insert.ExecuteNonQueryAsync();
        }
        var run = CliRun.AsProcess(environment, "definicion", "publicar", "1");
        Assert.Multiple(async () =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);
            Assert.That(run.Error, Does.Contain("la definición 1 no se puede publicar"));
            Assert.That(run.Output, Does.StartWith("OficioInicio: foc:plantilla: «oficio-incio» no es un valor válido"));
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM workflow_definitions WHERE status = 'Published'"), Is.Zero, "nothing was published");
        });
    }
}
