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

    [TestCase("FOCALIZACION_RELOJ", "ayer", "FOCALIZACION_RELOJ: «ayer» no es un instante ISO 8601 con zona")] // the audit: exit 134 and a stack trace
    [TestCase("FOCALIZACION_DB", "no es una cadena", "FOCALIZACION_DB no es una cadena de conexión de PostgreSQL")] // the audit
    [TestCase("FOCALIZACION_DB", "Servidor=127.0.0.1;Database=focalizacion", "FOCALIZACION_DB: la opción «servidor» no es una opción de conexión")] // an option Npgsql does not know (option names are case-insensitive and reported in lower case)
    [TestCase("FOCALIZACION_DB", "Host=127.0.0.1;Port=cinco", "FOCALIZACION_DB: el valor de la opción «port» no es válido")] // a value of the wrong type
    [TestCase("FOCALIZACION_DB", "Database=focalizacion", "FOCALIZACION_DB: falta la opción Host")] // no server to connect to
    [TestCase("FOCALIZACION_DB_MOTOR", "no es una cadena", "FOCALIZACION_DB_MOTOR no es una cadena de conexión de PostgreSQL")] // the engine's role is checked alike
    [TestCase("FOCALIZACION_DB_API", "Database=focalizacion", "FOCALIZACION_DB_API: falta la opción Host")] // and the API's
    [TestCase("FOCALIZACION_SMTP_PUERTO", "veinticinco", "FOCALIZACION_SMTP_PUERTO debe ser un número de puerto entre 1 y 65535")] // was exit 1, a data error
    [TestCase("FOCALIZACION_SMTP_SEGURIDAD", "tls1.3", "FOCALIZACION_SMTP_SEGURIDAD debe ser «ninguna», «starttls» o «ssl»")] // unknown security
    [TestCase("FOCALIZACION_CORREO_REMITENTE", "sin-arroba", "FOCALIZACION_CORREO_REMITENTE no es una dirección de correo válida")] // not an address
    [TestCase("FOCALIZACION_SMTP_USUARIO", "usuario", "FOCALIZACION_SMTP_USUARIO está definida pero falta FOCALIZACION_SMTP_CLAVE")] // a user without a password
    [TestCase("FOCALIZACION_FERIADOS_ESPECIALES", "/no/existe/feriados.csv", "FOCALIZACION_FERIADOS_ESPECIALES: no existe el archivo «/no/existe/feriados.csv»")] // was exit 1 without the variable's name
    [TestCase("FOCALIZACION_FERIADOS_ESPECIALES", "/tmp", "FOCALIZACION_FERIADOS_ESPECIALES: «/tmp» es una carpeta")] // a folder is not the file
    public void A_bad_environment_value_exits_2_naming_the_variable(string variable, string value, string message)
    {
        var run = CliRun.AsProcess(new Dictionary<string, string> { [variable] = value }, "feriados", "2026");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
            Assert.That(run.Error, Does.StartWith("Error: " + message));
            Assert.That(run.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), "one line, never a stack trace");
            Assert.That(run.Output, Is.Empty);
        });
    }

    // An empty variable is what an unset one is to the CLI (the child process inherits the test's own, on the test server's database).
    private static readonly Dictionary<string, string> NoDatabase = new() { ["FOCALIZACION_DB"] = "", ["FOCALIZACION_DB_MOTOR"] = "", ["FOCALIZACION_DB_API"] = "" };

    [TestCase("FOCALIZACION_DB_API", "usuario", "listar")] // the audit: it connected as the local owner with the password built into the code; users are the API role's
    [TestCase("FOCALIZACION_DB_MOTOR", "ciclo", "estado", "2027")] // a read of the cycle, as silent
    [TestCase("FOCALIZACION_DB_MOTOR", "definicion", "listar")]
    [TestCase("FOCALIZACION_DB_MOTOR", "migrar")] // the one that would have changed a database nobody named (and it grants the engine's role)
    [TestCase("FOCALIZACION_DB", "simular", "2027")] // its throwaway database is made on FOCALIZACION_DB's server: no server, no simulation
    public void Without_its_database_a_verb_exits_2_naming_the_variable(string variable, params string[] args)
    {
        var run = CliRun.AsProcess(NoDatabase, args);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
            Assert.That(run.Error, Does.StartWith($"Error: falta {variable}: la cadena de conexión "));
            Assert.That(run.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), "one line, never a stack trace");
            Assert.That(run.Output, Is.Empty);
        });
    }

    [TestCase("ciclo", "evento", "NB", "2027", "focalizacion-preliminar-recibida")] // recording an event: the engine's work
    [TestCase("incidente", "listar")] // a read too: the engine's role sees every region
    [TestCase("directorio", "asignar", "NB", "gore-gobernador", "ana@gore-nuble.cl")]
    public async Task Without_FOCALIZACION_DB_MOTOR_a_verb_that_writes_cycle_data_never_falls_back_to_the_owner(params string[] args)
    {
        // The owner's variable is set, on a database of the test's own: a CLI that fell back to it would write there, and nowhere else.
        await using var database = await Engine.EngineDatabase.CreateAsync();
        var environment = database.CliEnvironment();
        environment["FOCALIZACION_DB_MOTOR"] = "";
        var run = CliRun.AsProcess(environment, args);
        Assert.Multiple(async () =>
        {
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM journal"), Is.Zero, "nothing was written as the owner");
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
            Assert.That(run.Error, Is.EqualTo(
                "Error: falta FOCALIZACION_DB_MOTOR: la cadena de conexión del rol de PostgreSQL que escribe por el motor, los manejadores y Hangfire, " +
                "distinto del dueño de las tablas (en una instalación local la proveen bash deploy/servicio.sh y deploy/entorno-local.sh)\n"));
            Assert.That(run.Output, Is.Empty);
        });
    }

    [TestCase("FOCALIZACION_DB_MOTOR", "FOCALIZACION_DB", "FOCALIZACION_DB_MOTOR: debe usar un rol propio (Username) distinto del de FOCALIZACION_DB:")] // the engine's verbs never write as the tables' owner, not even when it is named
    [TestCase("FOCALIZACION_DB_MOTOR", "FOCALIZACION_DB_API", "FOCALIZACION_DB_MOTOR: debe usar un rol propio (Username) distinto del de FOCALIZACION_DB_API:")] // nor as the role bound by the regions
    [TestCase("FOCALIZACION_DB_API", "FOCALIZACION_DB", "FOCALIZACION_DB_API: debe usar un rol propio (Username) distinto del de FOCALIZACION_DB:")] // users are not written as the owner
    public async Task A_role_s_variable_naming_another_role_is_refused_as_the_service_refuses_it(string variable, string other, string message)
    {
        // On a database of the test's own, so that a CLI that took the other role would use it there only.
        await using var database = await Engine.EngineDatabase.CreateAsync();
        var environment = database.CliEnvironment();
        environment[variable] = environment[other];
        var run = CliRun.AsProcess(environment, "ciclo", "estado", "2027");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
            Assert.That(run.Error, Does.StartWith("Error: " + message));
            Assert.That(run.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
            Assert.That(run.Output, Is.Empty);
        });
    }

    [TestCase("feriados", "2026")] // the calendar is data shipped with the CLI
    [TestCase("plazos", "2027", "--region", "NB")]
    [TestCase("definicion", "moddle")] // the designer's descriptor: the handlers' catalog, no rows
    [TestCase("ayuda")]
    public void Without_any_database_a_verb_that_needs_none_still_runs(params string[] args)
    {
        var run = CliRun.AsProcess(NoDatabase, args);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(run.Output, Is.Not.Empty);
            Assert.That(run.Error, Is.Empty);
        });
    }

    [Test]
    public void Without_any_database_definicion_validar_checks_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ciclo-{Guid.NewGuid():N}.bpmn");
        File.WriteAllBytes(path, Focalizacion.Cycle.Workflow.ShippedWorkflow.Bpmn.ToArray());
        try
        {
            var run = CliRun.AsProcess(NoDatabase, "definicion", "validar", path);
            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.Zero, run.Output + run.Error);
                Assert.That(run.Output, Does.StartWith("Válida: "));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_bad_connection_string_is_reported_without_its_value()
    {
        var run = CliRun.AsProcess(new Dictionary<string, string> { ["FOCALIZACION_DB"] = "Host=127.0.0.1;Password=secreta;Port=cinco" }, "feriados", "2026");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.Output + run.Error);
            Assert.That(run.Error, Does.Contain("FOCALIZACION_DB").And.Not.Contain("secreta"));
        });
    }

    [Test]
    public void Help_works_whatever_the_environment_says()
    {
        var environment = new Dictionary<string, string>
        {
            ["FOCALIZACION_RELOJ"] = "ayer",
            ["FOCALIZACION_DB"] = "no es una cadena",
            ["FOCALIZACION_SMTP_PUERTO"] = "veinticinco",
            ["FOCALIZACION_FERIADOS_ESPECIALES"] = "/no/existe/feriados.csv",
        };
        var run = CliRun.AsProcess(environment, "ayuda");
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(run.Output, Does.StartWith("Uso: focalizacion"));
            Assert.That(run.Error, Is.Empty);
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
