using System.Diagnostics;
using System.Text;
using Focalizacion.Testing;

namespace Focalizacion.Cli.Tests.Engine;

public class DefinicionVerbTests
{
    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string Temporary(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"definicion-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Validar_accepts_a_runnable_definition_with_exit_0()
    {
        var run = CliRun.InProcess("definicion", "validar", FixturePath("plazo-con-resultado.bpmn"));
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Output, Does.StartWith("Válida: «Plazo_Con_Resultado»"));
    }

    [Test]
    public void Validar_lists_one_line_per_problem_with_exit_1()
    {
        var path = Temporary("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:foc="https://focalizacion.sercotec.cl/schema/bpmn">
              <bpmn:process id="P">
                <bpmn:startEvent id="Inicio" />
                <bpmn:scriptTask id="Guion" />
                <bpmn:serviceTask id="Enviar" foc:handler="no-existe" />
                <bpmn:endEvent id="Fin" />
                <bpmn:sequenceFlow id="F1" sourceRef="Inicio" targetRef="Enviar" />
                <bpmn:sequenceFlow id="F2" sourceRef="Enviar" targetRef="Fin" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var text = CliRun.InProcess("definicion", "validar", path);
        var json = CliRun.InProcess("definicion", "validar", path, "--json");
        File.Delete(path);
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(1));
            Assert.That(text.Output.TrimEnd().Split('\n'), Has.Some.StartsWith("Guion: ").And.Some.StartsWith("Enviar: "));
            Assert.That(json.ExitCode, Is.EqualTo(1));
            Assert.That(json.Json().EnumerateArray().Select(p => p.GetProperty("elemento").GetString()), Does.Contain("Guion").And.Contain("Enviar"));
            Assert.That(json.Json().EnumerateArray().All(p => p.GetProperty("mensaje").GetString()!.Length > 0), Is.True);
        });
    }

    [Test]
    public void Validar_keeps_one_line_per_problem_whatever_the_file_holds()
    {
        // An id with character references for a newline and a terminal control (CSI) could print a line of its own.
        var path = Temporary("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <bpmn:process id="P">
                <bpmn:startEvent id="Inicio" />
                <bpmn:userTask id="T&#10;Fin: el plazo venció&#x9B;2J" />
                <bpmn:endEvent id="Fin" />
                <bpmn:sequenceFlow id="F1" sourceRef="Inicio" targetRef="T&#10;Fin: el plazo venció&#x9B;2J" />
                <bpmn:sequenceFlow id="F2" sourceRef="Inicio" targetRef="Fin" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var text = CliRun.InProcess("definicion", "validar", path);
        var json = CliRun.InProcess("definicion", "validar", path, "--json");
        File.Delete(path);
        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.EqualTo(1));
            Assert.That(text.Output, Is.EqualTo("T\\nFin: el plazo venció\\u009B2J: no tiene salida: ningún flujo sale de este elemento\n"));
            Assert.That(json.Json()[0].GetProperty("elemento").GetString(), Is.EqualTo("T\nFin: el plazo venció\u009B2J")); // JSON keeps the id as it is
        });
    }

    [TestCase("esto no es XML")] // not XML at all
    [TestCase("<html><body>hola</body></html>")] // XML, but not BPMN
    public void Validar_rejects_text_that_is_not_BPMN_with_exit_2(string text)
    {
        var path = Temporary(text);
        var run = CliRun.InProcess("definicion", "validar", path);
        File.Delete(path);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith("Error: "));
    }

    [Test]
    public void Validar_decodes_the_bytes_as_the_file_declares()
    {
        // The same runnable file, as UTF-8 bytes that claim to be UTF-16: the reader cannot switch
        // to UTF-16 without a byte order mark, so the file is not well formed.
        var valid = Fixtures.Read(EngineDatabase.Fixture);
        var lying = Temporary(valid.Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal));
        var run = CliRun.InProcess("definicion", "validar", lying);
        File.Delete(lying);
        Assert.That(valid, Does.Contain("encoding=\"UTF-8\""));
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output);
            Assert.That(run.Error, Does.StartWith("Error: el archivo no es XML bien formado"));
        });
    }

    [Test]
    public void Validar_reports_an_unreadable_file_with_exit_2()
    {
        var run = CliRun.InProcess("definicion", "validar", "/no/existe.bpmn");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Is.EqualTo("Error: no se puede leer «/no/existe.bpmn»: no existe\n"));
    }

    [TestCase("validar")] // checking a file
    [TestCase("importar")] // and storing one read the same way
    public void A_directory_or_an_endless_file_is_refused_with_exit_2(string action)
    {
        var folder = CliRun.InProcess("definicion", action, Path.GetTempPath());
        // /dev/zero never ends: the read stops past the size limit instead of filling memory.
        var endless = Task.Run(() => CliRun.InProcess("definicion", action, "/dev/zero"));
        Assert.That(endless.Wait(TimeSpan.FromMinutes(1)), Is.True, "reading /dev/zero must stop");
        Assert.Multiple(() =>
        {
            Assert.That(folder.ExitCode, Is.EqualTo(2));
            Assert.That(folder.Error, Is.EqualTo($"Error: no se puede leer «{Path.GetTempPath()}»: es una carpeta, no un archivo\n"));
            Assert.That(endless.Result.ExitCode, Is.EqualTo(2));
            Assert.That(endless.Result.Error, Is.EqualTo("Error: el archivo pesa más de 10 MB, el máximo que se acepta\n"));
        });
    }

    [Test]
    public async Task Import_publish_list_export_start_and_message_through_the_cli()
    {
        await using var database = await EngineDatabase.CreateAsync();
        var environment = EngineDatabase.Environment(database);
        environment[CliContext.OperatorVariable] = "ana";
        CliRun Run(params string[] args) => CliRun.AsProcess(environment, args);

        var imported = Run("definicion", "importar", FixturePath("plazo-con-resultado.bpmn"));
        var published = Run("definicion", "publicar", "1");
        var listed = Run("definicion", "listar", "--json");
        var exported = Run("definicion", "exportar", "1");
        var started = Run("instancia", "iniciar", "Plazo_Con_Resultado", "--region", "nuble", "--anio", "2027", "--json");
        var early = Run("instancia", "mensaje", "--region", "NB", "--anio", "2027", "documento-recibido");
        Assert.Multiple(async () =>
        {
            Assert.That(imported.Output, Does.StartWith("Borrador 1 de «Plazo_Con_Resultado» guardado"), imported.Error);
            Assert.That(published.Output, Does.Contain("versión 1 publicada"), published.Error);
            Assert.That(listed.Json()[0].GetProperty("estado").GetString(), Is.EqualTo("publicada"));
            Assert.That(exported.Output, Is.EqualTo(Fixtures.Read("plazo-con-resultado.bpmn")));
            Assert.That(started.ExitCode, Is.Zero, started.Error);
            Assert.That(early.ExitCode, Is.EqualTo(1), "the oficio is not delivered yet: nobody waits for the document");
            Assert.That(early.Error, Does.Contain("Rechazado: ninguna espera del mensaje «documento-recibido»"));
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM journal WHERE actor = 'ana' AND via = 'cli' AND kind = 'definicion-publicada'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Exportar_writes_the_uploaded_bytes_of_a_utf16_file()
    {
        await using var database = await EngineDatabase.CreateAsync();
        var environment = EngineDatabase.Environment(database);
        var text = Fixtures.Read(EngineDatabase.Fixture).Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.Ordinal);
        byte[] upload = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
        var path = Path.Combine(Path.GetTempPath(), $"definicion-{Guid.NewGuid():N}.bpmn");
        await File.WriteAllBytesAsync(path, upload);
        var imported = CliRun.AsProcess(environment, "definicion", "importar", path);
        File.Delete(path);
        Assert.That(imported.ExitCode, Is.Zero, imported.Error + imported.Output);

        using var export = Process.Start(CliRun.StartInfo(environment, "definicion", "exportar", "1"))!;
        using var exported = new MemoryStream();
        await export.StandardOutput.BaseStream.CopyToAsync(exported);
        await export.WaitForExitAsync();
        Assert.Multiple(() =>
        {
            Assert.That(export.ExitCode, Is.Zero);
            Assert.That(exported.ToArray(), Is.EqualTo(upload)); // a text writer would have re-encoded it as UTF-8
        });
    }
}
