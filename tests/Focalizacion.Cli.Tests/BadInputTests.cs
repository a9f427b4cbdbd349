namespace Focalizacion.Cli.Tests;

/// <summary>Bad command lines: one Spanish line on stderr, exit code 2, never a stack trace, nothing on stdout.</summary>
public class BadInputTests
{
    [TestCase(new[] { "feriados", "2026", "--region", "XX" }, "--region: no existe la región «XX»")] // unknown region
    [TestCase(new[] { "feriados", "2019" }, "año: 2019 está fuera del rango admitido (2020–2101)")] // year before the calendar
    [TestCase(new[] { "feriados", "2102" }, "fuera del rango")] // year after
    [TestCase(new[] { "feriados", "dos mil" }, "«dos mil» no es un año")] // not a number
    [TestCase(new[] { "feriados" }, "falta el argumento <año>")] // missing year
    [TestCase(new[] { "feriados", "2026", "2027" }, "sobra el argumento «2027»")] // extra positional
    [TestCase(new[] { "feriados", "2026", "--region" }, "falta el valor de la opción --region")] // option without value
    [TestCase(new[] { "feriados", "2026", "--formato", "x" }, "opción desconocida «--formato»")] // unknown option
    [TestCase(new[] { "plazos", "2027" }, "falta la opción --region")] // region is required for plazos
    [TestCase(new[] { "plazos", "2020", "--region", "NB" }, "fuera del rango admitido (2021–2101)")] // budget year whose cycle is before the calendar
    [TestCase(new[] { "plazos", "2027", "--region", "NB", "--preliminar-recibida", "2026-02-30" }, "«2026-02-30» no es una fecha válida")] // impossible date
    [TestCase(new[] { "plazos", "2027", "--region", "NB", "--preliminar-recibida", "14/11/2026" }, "no es una fecha válida")] // wrong format
    [TestCase(new[] { "plazos", "2027", "--region", "NB", "--preliminar-recibida", "2027-11-14" }, "no está en 2026")] // reception outside the cycle year
    [TestCase(new[] { "calendario" }, "verbo desconocido «calendario»")] // unknown verb
    public void Bad_arguments_exit_2_with_one_spanish_line(string[] args, string message)
    {
        var run = CliRun.InProcess(args);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error, Does.StartWith("Error: ").And.Contain(message));
            Assert.That(run.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Output, Is.Empty);
        });
    }

    [Test]
    public void The_real_process_reports_a_bad_region_without_a_stack_trace()
    {
        var run = CliRun.AsProcess(null, "plazos", "2027", "--region", "Narnia");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error.Trim(), Is.EqualTo("Error: --region: no existe la región «Narnia»; use el código ISO (NB), el CUT (16) o el nombre (nuble)"));
            Assert.That(run.Error, Does.Not.Contain("   at "));
        });
    }

    [Test]
    public void A_malformed_data_file_stops_start_up_naming_the_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"feriados-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "# bien\nagregar;2026-03-02;nacional;Feriado;Ley 1\nagregar;2026-02-30;nacional;Malo;Ley 2\n");
        try
        {
            var run = CliRun.AsProcess(new Dictionary<string, string> { [CalendarData.PathVariable] = path }, "feriados", "2026");
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(1));
                Assert.That(run.Error, Does.Contain($"{path}, línea 3: la fecha «2026-02-30» no es una fecha válida"));
                Assert.That(run.Output, Is.Empty);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Help_goes_to_stdout_with_exit_0_and_no_arguments_is_a_usage_error()
    {
        var help = CliRun.InProcess("ayuda");
        var none = CliRun.InProcess();
        Assert.Multiple(() =>
        {
            Assert.That(help.ExitCode, Is.EqualTo(0));
            Assert.That(help.Output, Does.Contain("feriados <año>").And.Contain("plazos <año-presupuestario>"));
            Assert.That(none.ExitCode, Is.EqualTo(2));
            Assert.That(none.Error, Does.Contain("Uso:"));
        });
    }
}
